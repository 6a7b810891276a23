job = deploy template:"Debian 12" zone:Sandbox-1 serviceoffering:"Small Instance" name:bg-1 &
print type(job), job.status
# expect: job running
r = wait job
print r.name, r.state
# expect: bg-1 Running
j2 = stop vm id:$r.id &
r2 = wait $j2
print r2.state
# expect: Stopped
a = deploy template:"Debian 12" zone:Sandbox-1 serviceoffering:"Small Instance" name:bg-2 &
b = deploy template:"Debian 12" zone:Sandbox-1 serviceoffering:"Small Instance" name:bg-3 &
all = wait
print (all | get name | sort)
# expect: ["bg-2","bg-3"]
