ids = [1, 2,
  3
# expect error: 1:7: this '[' is never closed
# expect exit: 2
