print $nope
print "$zone.name"
count = 1
print coutn
total = total + 1
v.name = "web"
listZones
zonelist
if $1 { a = 1 } else { b = 2 }
print $a $b
for n in [1, 2] { last = n }
print $last $n
i = 0
while i < 3 { i = i + 1; seen = i }
print $seen
list zones | each { w = $it.name }
print $w $it
try { r = 1 } catch e { print e.message }
print $r $e
def show() { print $late $local_only }
late = 1
print $local_only
