n = 1
e = 2
try { print x } catch err { print err.text }
# expect: unknown variable 'x'
try { print nn } catch err { print err.text }
# expect: unknown variable 'nn'; did you mean 'n'?
try { print r } catch err { print err.text }
# expect: unknown variable 'r'
