# `name:$x?` leaves the parameter out when $x is null.
x = null
print (list zones name:$x? | count)
# expect: 2
z = {name: "Sandbox-2"}
print (list zones name:$z.name? | get name)
# expect: ["Sandbox-2"]
print (list zones name:$z.nmae? | count)
# expect: 2
print (list zones keyword:what? | count)
# expect: 0
