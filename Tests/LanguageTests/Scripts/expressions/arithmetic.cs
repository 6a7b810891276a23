# Numbers keep integers integral; division gives a fraction only when needed.
print 1 + 2 * 3
# expect: 7
print (1 + 2) * 3
# expect: 9
print 7 / 2, 6 / 2, 7 % 3
# expect: 3.5 3 1
print -5 + 2
# expect: -3
print 0.1 + 0.2 > 0.3
# expect: true
print "10" + 5
# expect: 105
print "10" * 2
# expect: 20
print 9007199254740993 + 0
# expect: 9007199254740993
