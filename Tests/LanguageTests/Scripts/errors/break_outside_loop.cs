def f() { break }
f()
# expect error: 2:1: break or continue outside a loop in f()
# expect exit: 2
