print "no end
# expect error: 1:7: unterminated string: add the closing "
# expect exit: 2
