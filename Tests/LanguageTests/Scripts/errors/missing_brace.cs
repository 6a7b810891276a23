if true {
  print "x"
# expect error: 1:9: this '{' is never closed
# expect exit: 2
