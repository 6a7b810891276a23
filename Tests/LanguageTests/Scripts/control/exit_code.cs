print "before"
# expect: before
exit 7
print "never"
# expect exit: 7
