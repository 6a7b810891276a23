print 1 < 2, 2 <= 2, 3 > 4, 4 >= 5
# expect: true true false false
print "a" == "a", "a" != "b", 1 == "1"
# expect: true true true
print null == null, [1, 2] == [1, 2], {a: 1} == {a: 1}
# expect: true true true
print "abc" < "abd"
# expect: true
