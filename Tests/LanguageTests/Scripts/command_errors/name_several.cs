a = deploy template:"Debian 12" zone:Sandbox-1 serviceoffering:"Small Instance" name:twin
b = deploy template:"Debian 12" zone:Sandbox-2 serviceoffering:"Small Instance" name:twin
s = stop vm id:twin
# expect error: 3:13: 2 virtualmachines are named 'twin' (ids 
# expect stderr: ): give id one of these ids instead
# expect exit: 1
