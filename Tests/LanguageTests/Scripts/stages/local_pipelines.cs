vms = [
  {id: "1", name: "web-1", state: "Running", memory: 2048},
  {id: "2", name: "db-1", state: "Stopped", memory: 4096},
  {id: "3", name: "web-2", state: "Running", memory: 512},
  {id: "4", name: "web-3", state: "Stopped", memory: 1024}
]
print (vms | where memory >= 1024 && name =~ "^web" | get name)
# expect: ["web-1","web-3"]
print (vms | select id name as vmname | first)
# expect: {"id":"1","vmname":"web-1"}
print (vms | sort -memory | get name)
# expect: ["db-1","web-1","web-3","web-2"]
print (vms | sort state name | get name)
# expect: ["web-1","web-2","db-1","web-3"]
print (vms | first 2 | get id)
# expect: ["1","2"]
print (vms | last | get name)
# expect: ["web-3"]
print (vms | last 2 | count)
# expect: 2
n = vms | count
print n
# expect: 4
print (vms | get state | uniq)
# expect: ["Running","Stopped"]
print (vms | uniq state | get name)
# expect: ["web-1","db-1"]
g = vms | group state
print keys(g), len(g.Running)
# expect: ["Running","Stopped"] 2
print (vms | skip 3 | get name)
# expect: ["web-3"]
print (vms | reverse | first | get name)
# expect: ["web-3"]
print ([3, 1, 2] | sort)
# expect: [1,2,3]
print (vms | where $it.state == "Running" | count)
# expect: 2
["a", "b"] | print
# expect: a
# expect: b
