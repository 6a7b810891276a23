print lenn([1])
# expect error: 1:7: unknown function 'lenn'; did you mean len()?
# expect exit: 2
