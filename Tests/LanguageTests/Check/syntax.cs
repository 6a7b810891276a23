x = [1, 2
print (1 +
if x { print 1
