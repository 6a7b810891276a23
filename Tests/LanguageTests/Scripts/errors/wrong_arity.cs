def f(a, b) { return a }
f(1)
# expect error: 2:1: f() takes 2 arguments (a, b), got 1
# expect exit: 2
