# Names are resolved to ids through the related list API.
vm = deploy vm template:"Ubuntu 22.04 LTS" zone:Sandbox-1 serviceoffering:"Small Instance" name:byname-1
print vm.name, vm.state, vm.zonename, vm.templatename
# expect: byname-1 Running Sandbox-1 Ubuntu 22.04 LTS
# Ids work as they are.
tpl = list templates templatefilter=executable name:"Debian 12" | first
so = list serviceofferings name:"Medium Instance" | first
z = list zones name:Sandbox-1 | first
vm2 = deploy template:$tpl.id zone:$z.id serviceoffering:$so.id name:byname-2
print "$vm2.name runs ${vm2.templatename} with ${vm2.serviceofferingname}"
# expect: byname-2 runs Debian 12 with Medium Instance
print "${vm.nic[0].ipaddress}" =~ "^[0-9.]+$"
# expect: true
