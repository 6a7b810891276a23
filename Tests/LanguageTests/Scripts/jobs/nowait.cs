set async nowait
j = deploy template:"Debian 12" zone:Sandbox-1 serviceoffering:"Small Instance" name:nowait-1
print type(j)
# expect: job
set async wait
vm = wait j
print vm.name
# expect: nowait-1
