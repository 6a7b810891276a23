xs = [1]
print xs[0
# expect error: 2:9: this '[' is never closed
# expect exit: 2
