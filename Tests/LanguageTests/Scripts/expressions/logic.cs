print true && false, true || false, !true
# expect: false true false
# && and || give one of their operands, so || picks a default.
name = null
print name || "anonymous"
# expect: anonymous
print 0 && "never"
# expect: 0
print !"" , ![]
# expect: true true
