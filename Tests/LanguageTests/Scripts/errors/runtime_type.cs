print "before"
# expect: before
x = [1] - 1
# expect error: 3:9: cannot apply '-' to a list and a number
# expect exit: 2
