#!/usr/bin/env acsh
# Capacity per zone as CSV: machines, running ones, their vCPUs and memory,
# and the hosts' CPU cores.
# usage: acsh capacity-report.cs > capacity.csv
rows = []
for z in list zones {
  vms = list vms zoneid=$z.id listall=true
  running = vms | where state == "Running"
  hosts = list hosts zoneid=$z.id type=Routing
  rows = rows + [{
    zone: z.name,
    vms: len(vms),
    running: len(running),
    vcpus: sum(running | get cpunumber),
    memory_mb: sum(running | get memory),
    host_cores: sum(hosts | get cpunumber)
  }]
}
rows | csv
