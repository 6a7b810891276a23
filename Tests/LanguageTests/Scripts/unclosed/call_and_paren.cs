n = (1 + len([1, 2]
# expect error: 1:13: this '(' is never closed
# expect exit: 2
