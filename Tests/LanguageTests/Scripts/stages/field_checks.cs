vms = [{name: "a", state: "Running"}, {name: "b", state: "Stopped", isoid: "iso-1"}]
try { print (vms | where stat != "Running") } catch e { print e.text }
# expect: where: no record has a field 'stat'; did you mean 'state'?
try { print (vms | where state == Running) } catch e { print e.text }
# expect: where: no record has a field 'Running'; to compare with the text, quote it: "Running"
print (vms | where isoid == "iso-1" | get name)
# expect: ["b"]
print (vms | where $it.lastupdated || true | count), (vms | where nothere == null | count)
# expect: 2 2
print ([] | where nothere == 1 | count), (range(3) | where $it > 0 | count)
# expect: 0 2
print (vms | select name, state | first)
# expect: {"name":"a","state":"Running"}
print (vms | select name stat | first)
# expect: {"name":"a","stat":null}
# expect stderr: stages/field_checks.cs:14:14: warning: select: no record has a field 'stat'; did you mean 'state'?
print (vms | sort -stat | get name)
# expect: ["a","b"]
# expect stderr: stages/field_checks.cs:17:14: warning: sort: no record has a field 'stat'; did you mean 'state'?
print (vms | count state)
# expect: {"Running":1,"Stopped":1}
try { list zones | where nmae == "Sandbox-1" } catch e { print e.text }
# expect: where: no record has a field 'nmae'; did you mean 'name'?
print (vms | count isoid), (vms | select name,state | get state)
# expect: {"null":1,"iso-1":1} ["Running","Stopped"]
try { print (vms | where keypair == "k1") } catch e { print e.text }
# expect: where: no record has a field 'keypair'; if records may lack it, test it first: keypair != null && ...
print (vms | where keypair != null && keypair == "k1" | count)
# expect: 0
