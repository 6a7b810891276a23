print 1 / 0
# expect error: 1:9: division by zero
# expect exit: 2
