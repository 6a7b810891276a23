total = 0
for x in [1, 2, 3, 4] {
  if x == 2 { continue }
  if x == 4 { break }
  total = total + x
}
print total
# expect: 4
i = 0
while i < 3 { i = i + 1 }
print i
# expect: 3
for i in range(3) { print "i=$i" }
# expect: i=0
# expect: i=1
# expect: i=2
for k in keys({a: 1, b: 2}) { print k }
# expect: a
# expect: b
