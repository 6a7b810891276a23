zones = list zones
print len(zones), zones[0].name, zones[1].name
# expect: 2 Sandbox-1 Sandbox-2
z = zones[0]
print "$z.name is a ${z.networktype} zone"
# expect: Sandbox-1 is a Advanced zone
print (list zones | get name)
# expect: ["Sandbox-1","Sandbox-2"]
list zones | select name networktype | csv
# expect: name,networktype
# expect: Sandbox-1,Advanced
# expect: Sandbox-2,Basic
n = list zones | count
print n
# expect: 2
