job = deploy template:"Debian 12" zone:Sandbox-1 serviceoffering:"Small Instance" name:bgjob-1 &
print type(job), job.status in ["running", "succeeded"]
# expect: job true
r = wait job
print r.name, r.state
# expect: bgjob-1 Running
j2 = stop vm id:$r.id &
r2 = wait $j2
print r2.state
# expect: Stopped
a = deploy template:"Debian 12" zone:Sandbox-1 serviceoffering:"Small Instance" name:bgjob-2 &
b = deploy template:"Debian 12" zone:Sandbox-1 serviceoffering:"Small Instance" name:bgjob-3 &
all = wait
print (all | get name | sort)
# expect: ["bgjob-2","bgjob-3"]
