# save refuses to replace a file unless -f (--force); nothing is written then.
try { [{a: 1}] | save data/notes.txt } catch e { print e.message }
# expect: cannot save data/notes.txt (files/data/notes.txt): the file exists; add -f (--force) to replace it
print read("data/notes.txt")
# expect: first line
# expect: second line
# expect:

# -f is --force (as in `history save`); the format is -o, as everywhere in acsh.
try { [{a: 1}] | save -f csv data/new.txt } catch e { print e.message }
# expect: save -f means --force; choose the format with -o: save -o csv data/new.txt
try { [{a: 1}] | save data/new.dat } catch e { print e.message }
# expect: save cannot tell the format from 'new.dat': end the name in .json, .csv, .txt or .table, or add -o json|table|csv|text
try { [{a: 1}] | save -o yaml data/new.txt } catch e { print e.message }
# expect: save -o takes json, table, csv or text, not 'yaml'
print exists("data/new.txt"), exists("data/new.dat")
# expect: false false

[{a: 1}] | save data/config.json
# expect error: 19:12: cannot save data/config.json (files/data/config.json): the file exists; add -f (--force) to replace it
