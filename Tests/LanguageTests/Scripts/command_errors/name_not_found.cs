deploy vm template:"Debian 12" zone:Sandbox-9 serviceoffering:"Small Instance"
# expect error: 1:32: no zone named 'Sandbox-9' for zoneid; did you mean 'Sandbox-1' or 'Sandbox-2'?
# expect exit: 1
