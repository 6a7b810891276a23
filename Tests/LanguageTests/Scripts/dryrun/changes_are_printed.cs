# dry-run
# Changing calls are printed, not sent; names still resolve through list calls.
vm = deploy vm template:"Debian 12" zone:Sandbox-1 serviceoffering:"Small Instance" name:dry-1 &
print vm.status
# expect: dry-run: deployVirtualMachine templateid=@ zoneid=@ serviceofferingid=@ name=dry-1
# expect: running
n = list vms keyword:dry-1 | count
print n
# expect: 0
