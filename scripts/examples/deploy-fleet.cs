#!/usr/bin/env acsh
# Deploy a fleet of machines at once and wait for all of them.
# usage: acsh deploy-fleet.cs COUNT PREFIX [ZONE] [TEMPLATE] [OFFERING]
#   acsh deploy-fleet.cs 10 web Sandbox-1 "Debian 12" "Small Instance"
if len(args) < 2 {
  print "usage: deploy-fleet.cs COUNT PREFIX [ZONE] [TEMPLATE] [OFFERING]"
  exit 2
}
count = int($1)
prefix = $2
zone = $3 || "Sandbox-1"
template = $4 || "Debian 12"
offering = $5 || "Small Instance"

# `&` starts each deploy and returns its job at once; names resolve to ids once.
for i in range(count) {
  job = deploy vm zone:$zone template:$template serviceoffering:$offering name:"$prefix-${i + 1}" &
}
vms = wait
print "deployed ${len(vms)} machines"
vms | select name state nic[0].ipaddress as ip | table
