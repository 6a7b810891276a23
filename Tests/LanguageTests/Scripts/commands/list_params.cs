# Lists are sent comma-joined; names in an id list resolve one by one.
a = deploy template:"Debian 12" zone:Sandbox-1 serviceoffering:"Small Instance" name:lp-a
b = deploy template:"Debian 12" zone:Sandbox-1 serviceoffering:"Small Instance" name:lp-b
both = list vms ids:[$a.id, $b.id]
print (both | get name | sort)
# expect: ["lp-a","lp-b"]
again = list vms ids=$a.id,$b.id
print len(again)
# expect: 2
