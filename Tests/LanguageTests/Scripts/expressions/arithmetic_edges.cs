# Integers at the edges of 64 bits (a server may send them) never trap: they go on as doubles.
print -9223372036854775807 - 1
# expect: -9223372036854775808
print (-9223372036854775807 - 1) % -1
# expect: 0
print (-9223372036854775807 - 1) / -1
# expect: 9.223372036854776e+18
print 9223372036854775807 + 1
# expect: 9.223372036854776e+18
print [1, 2, 3][-9223372036854775807 - 1]
# expect error: 10:16: index -9223372036854775808 is out of range (the list has 3 items)
# expect exit: 2
