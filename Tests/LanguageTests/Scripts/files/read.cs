# Files in: paths start at this script's folder.
print read("data/notes.txt")
# expect: first line
# expect: second line
# expect:
print len(split(read("data/notes.txt"), "\n"))
# expect: 3

# CSV: header = field names; a byte order mark, CRLF, quoted commas, doubled
# quotes and a line break inside quotes; blank lines skipped; values stay text.
rows = readcsv("data/hosts.csv")
print len(rows), keys(rows[0])
# expect: 3 ["name","zone","cpu","note"]
print rows[1].name, rows[1].cpu, type(rows[1].cpu), rows[1].note
# expect: db,1 004 string says "hi"
print tojson(rows[2].note), int(rows[2].cpu) * 2
# expect: "two\r\nlines" 16
rows | where zone == "Sandbox-1" | select name | json
# expect: [{"name":"web-1"},{"name":"db,1"}]

# JSON keeps numbers as written.
cfg = readjson("data/config.json")
print cfg.prefix, cfg.sizes, cfg.sizes[1]
# expect: app [1,2.50,3] 2.50

print exists("data/hosts.csv"), exists("data"), exists("data/nope.csv"), exists("")
# expect: true true false false
