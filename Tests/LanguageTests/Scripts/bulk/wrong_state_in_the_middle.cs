# The issue's case: three machines, the second in a state that cannot stop.
a = deploy template:"Debian 12" zone:Sandbox-1 serviceoffering:"Small Instance" name:mixed-0
b = deploy template:"Debian 12" zone:Sandbox-1 serviceoffering:"Small Instance" name:mixed-3
c = deploy template:"Debian 12" zone:Sandbox-1 serviceoffering:"Small Instance" name:mixed-1
gone = destroy vm id:$b.id
r = [a, gone, c] | stop vm
# expect error: 6:20: stop vm: 1 done (mixed-0), 1 failed (mixed-3: VM instance {"name":"mixed-3","uuid":"
# expect stderr: is in state Destroyed; this needs it Running or Stopped), 1 not tried (mixed-1)
# expect exit: 1
