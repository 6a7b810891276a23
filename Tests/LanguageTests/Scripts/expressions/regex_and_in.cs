print "web-01" =~ "^web-[0-9]+$"
# expect: true
print "db-01" =~ "^web"
# expect: false
print 2 in [1, 2, 3], "a" in {a: 1}, "ell" in "hello", 5 not in [1]
# expect: true true true true
