v = deploy template:"Debian 12" zone:Sandbox-1 serviceoffering:"Medium Instance" name:lf-web-1
v = deploy template:"Debian 12" zone:Sandbox-1 serviceoffering:"Small Instance" name:lf-web-2
v = deploy template:"Debian 12" zone:Sandbox-1 serviceoffering:"Medium Instance" name:lf-db-1
set output json
big = list vms keyword:lf- | where memory >= 1024 && name =~ "^lf-web" | select name memory as mem
print big
# expect: [{"name":"lf-web-1","mem":2048}]
print (list vms keyword:lf- | where name =~ "^lf-" | sort -name | get name)
# expect: ["lf-web-2","lf-web-1","lf-db-1"]
