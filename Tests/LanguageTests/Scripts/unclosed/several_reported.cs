x = [1, 2
y = 3
def f(a) {
  print a
# expect error: 1:10: expected ']' to close the list, found end of line
# expect error: 3:10: this '{' is never closed
# expect exit: 2
