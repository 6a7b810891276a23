print len(1, 2)
print lenn("a")
print range()
print twice(2)
def twice(x) { return x * 2 }
print twice(1, 2)
def twice2(x) { return twice(x) * 2 }
print twice2(3)
f = twice
print f(1, 2, 3)
