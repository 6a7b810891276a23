names = range(6) | each -p 3 { (deploy template:"Debian 12" zone:Sandbox-1 serviceoffering:"Small Instance" name:"epar-$it").name }
print names
# expect: ["epar-0","epar-1","epar-2","epar-3","epar-4","epar-5"]
states = list vms keyword:epar- | where name =~ "^epar-" | each -p 4 { stop vm id:$it.id } | get state | uniq
print states
# expect: ["Stopped"]
