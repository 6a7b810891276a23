# Verbs and nouns in any case, singular or plural; raw API names too.
a = LIST Zones | count
b = list zone | count
c = listZones | count
d = listzones | count
print a, b, c, d
# expect: 2 2 2 2
print (list zones name=Sandbox-2 | get name)
# expect: ["Sandbox-2"]
print (list zones name:Sandbox-1 | first).name
# expect: Sandbox-1
