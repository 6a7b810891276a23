a = 1
b = "two"
def f() { return 1 }
v = vars
print v.a, v.b, "f" in v
# expect: 1 two false
sleep 0.01
echo "echo works" 3
# expect: echo works 3
