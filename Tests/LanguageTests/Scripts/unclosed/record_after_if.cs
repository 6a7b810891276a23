print "never runs: a parse error stops the file"
if {
# expect error: 2:4: this '{' is never closed
# expect exit: 2
