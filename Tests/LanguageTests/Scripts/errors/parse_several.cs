x = 1 +* 2
print "fine"
y = [1, 2
z = )
# expect error: 1:8: expected an expression, found '*'
# expect error: 3:10: expected ']' to close the list, found end of line
# expect error: 4:5: expected an expression, found ')'
# expect exit: 2
