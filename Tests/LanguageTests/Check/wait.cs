wait 5
wait true
wait null
r = {name: "x"}
wait r
s = {jobid: "1"}
wait s
wait "3f1c"
wait [1, "a"]
wait []
n = 2
wait n
job = deploy vm template:"Debian 12" zone:Sandbox-1 serviceoffering:1 &
wait job
wait [job]
wait
both = 1
both = deploy vm template:"Debian 12" zone:Sandbox-1 serviceoffering:1 &
wait both
