for i in range(4) { if i == 1 { continue }; if i == 3 { break }; print i }
# expect: 0
# expect: 2
x = {a: [1, 2, {b: 3}]}; x.a[2].b = 4; print x, "${x.a[2]}"
# expect: {"a":[1,2,{"b":4}]} {"b":4}
def f(a) { a }; print f(3)
# expect: 3
try { wait 5 } catch e { print e.message }
# expect: wait needs a job (from a command ending in '&'), got a number
xs = [3, 1, 2]
  | sort
  | reverse
print xs
# expect: [3,2,1]
long = 1 +
  2 +
  3
print long
# expect: 6
