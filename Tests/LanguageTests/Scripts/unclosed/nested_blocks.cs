def f(x) {
  for i in range(3) {
    print i
  }
  each_is_fine = [1] | each { $it }
# expect error: 1:10: this '{' is never closed
# expect exit: 2
