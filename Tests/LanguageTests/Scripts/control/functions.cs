def fib(n) {
  if n < 2 { return n }
  return fib(n - 1) + fib(n - 2)
}
print fib(15)
# expect: 610
def greet(who) { "hello $who" }
print greet("acsh")
# expect: hello acsh
# Functions see globals; their own variables stay inside.
base = 10
def addbase(x) { y = x + base
  return y }
print addbase(5)
# expect: 15
try { print y } catch e { print "y stays local" }
# expect: y stays local
