names = range(6) | each -p 3 { (deploy template:"Debian 12" zone:Sandbox-1 serviceoffering:"Small Instance" name:"par-$it").name }
print names
# expect: ["par-0","par-1","par-2","par-3","par-4","par-5"]
states = list vms keyword:par- | where name =~ "^par-" | each -p 4 { stop vm id:$it.id } | get state | uniq
print states
# expect: ["Stopped"]
