if true {
  print "x"
# expect error: 5:1: missing '}' to close the block opened at line 1
# expect exit: 2
