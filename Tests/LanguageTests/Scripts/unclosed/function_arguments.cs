print join(["a"], "-"
# expect error: 1:11: this '(' is never closed
# expect exit: 2
