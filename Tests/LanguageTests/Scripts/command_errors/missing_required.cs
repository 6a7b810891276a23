deploy vm zone:Sandbox-1
# expect error: 1:1: deployVirtualMachine is missing required parameters templateid, serviceofferingid; see 'help deployVirtualMachine'
# expect exit: 2
