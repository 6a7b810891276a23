z = list zones name:Sandbox-1 | first
tpl = list templates templatefilter=executable name:"Debian 12" | first
so = list serviceofferings name:"Small Instance" | first
vm = deployVirtualMachine templateid=$tpl.id zoneid=$z.id serviceofferingid=$so.id name=raw-1
print vm.name, vm.state
# expect: raw-1 Running
r = stopVirtualMachine id=$vm.id
print r.state
# expect: Stopped
