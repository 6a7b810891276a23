# An API command as a stage binds the piped records' fields by name (id here).
for i in range(3) { v = deploy template:"Debian 12" zone:Sandbox-1 serviceoffering:"Small Instance" name:"bind-$i" }
stopped = list vms keyword:bind- | where name =~ "^bind-" | stop vm
print len(stopped), (stopped | get state | uniq)
# expect: 3 ["Stopped"]
gone = list vms keyword:bind- state:Stopped | where name =~ "^bind-" | destroy vm expunge=true
print len(gone)
# expect: 3
print (list vms keyword:bind- | where name =~ "^bind-" | count)
# expect: 0
