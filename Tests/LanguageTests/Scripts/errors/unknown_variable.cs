count = 1
print coutn
# expect error: 2:7: unknown variable 'coutn'; did you mean 'count'?
# expect exit: 2
