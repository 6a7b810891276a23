print "a ${len([1]) b"
# expect error: 1:10: this '${' is never closed: add the closing } on the same line
# expect exit: 2
