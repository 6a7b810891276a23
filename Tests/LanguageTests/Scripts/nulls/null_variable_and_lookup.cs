x = null
try { list zones name:$x } catch e { print e.text }
# expect: name:$x is null: x is null (name:$x? leaves the parameter out when null)
z = list zones name:Nowhere | first
try { list zones id:$z.id } catch e { print e.text }
# expect: id:$z.id is null: z is null (id:$z.id? leaves the parameter out when null)
try { list zones name:(list zones name:Nowhere | first) } catch e { print e.text }
# expect: name:(...) is null: the pipeline gave no value (no record matched?) (name:(...)? leaves the parameter out when null)
vm = {nic: [{ipaddress: "10.1.1.2"}]}
try { list zones id:$vm.nic[0].id } catch e { print e.text }
# expect: id:$vm.nic[0].id is null: vm.nic[0] has no field 'id' (id:$vm.nic[0].id? leaves the parameter out when null)
try { list zones keyword:[$x] } catch e { print e.text }
# expect: keyword:[...] has a null item (index 0): a list sent to a command must not hold nulls
v = {name: "web"}
try { list zones name:"$v.nmae-1" } catch e { print e.text }
# expect: name:$v.nmae-1 has a null part: v has no field 'nmae'; did you mean 'name'?
try { list zones keyword:zone-$x } catch e { print e.text }
# expect: keyword:zone-$x has a null part: x is null
print (list zones keyword:"Sandbox-${1 + 1}" | count)
# expect: 1
