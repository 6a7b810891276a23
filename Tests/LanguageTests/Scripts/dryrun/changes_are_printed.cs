# dry-run
# Changing calls are printed, not sent; names still resolve through list calls.
vm = deploy vm template:"Debian 12" zone:Sandbox-1 serviceoffering:"Small Instance" name:dry-1 &
print vm.status
# expect: dry-run: deployVirtualMachine templateid=@ (Debian 12) zoneid=@ (Sandbox-1) serviceofferingid=@ (Small Instance) name=dry-1
# expect: running
n = list vms keyword:dry-1 | count
print n
# expect: 0
r = wait vm
print r.dryrun, r.command, r.name
# expect: true deployVirtualMachine dry-1
s = stop vm id:00000000-0000-0000-0000-000000000000
# expect: dry-run: stopVirtualMachine id=00000000-0000-0000-0000-000000000000
print s.dryrun
# expect: true
