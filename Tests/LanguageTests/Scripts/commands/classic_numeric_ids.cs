# The classic call, as written in CloudStack's own examples: the sandbox seeds
# zone 1, template 3 and service offering 1, and internal numeric ids are
# accepted where CloudStack accepts them (parameters older than 3.0).
vm = deploy template:3 zone:1 serviceoffering:1
print vm.state, vm.templatename, vm.zonename, vm.serviceofferingname
# expect: Running Rocky Linux 9 Sandbox-1 Small Instance
v = (list volumes virtualmachineid:$vm.id)[0]
print v.type
# expect: ROOT
