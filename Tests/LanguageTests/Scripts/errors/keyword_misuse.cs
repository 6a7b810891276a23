else { print 1 }
catch e { }
x = if
# expect error: 1:1: 'else' without a matching 'if'
# expect error: 2:1: 'catch' without a matching 'try'
# expect error: 3:5: 'if' is a keyword and cannot start an expression
# expect exit: 2
