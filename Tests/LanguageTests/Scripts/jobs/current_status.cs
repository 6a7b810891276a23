# A job value's status comes from the latest poll, read on access.
j = deploy template:"Debian 12" zone:Sandbox-2 serviceoffering:"Small Instance" name:current-1 &
for i in range(200) {
  if j.status != "running" { break }
  sleep 0.05
}
print j.status, j.result.name
# expect: succeeded current-1
r = wait j
print r.state
# expect: Running
