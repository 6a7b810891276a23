#!/usr/bin/env acsh
# Deploy the machines an inventory CSV lists (those not there yet), each with its
# cloud-init file as user data, then write a report of them all.
# usage: acsh inventory-deploy.cs [INVENTORY.csv] [REPORT.csv]
#   columns: name, zone, template, offering, userdata (a cloud-init file, or empty)
#   Relative paths start at this script's folder; give $PWD/report.csv for the current one.
inventory = $1 || "inventory.csv"
report = $2 || "inventory-report.csv"

rows = readcsv(inventory)
for col in ["name", "zone", "template", "offering", "userdata"] {
  if len(rows) > 0 && col not in keys(rows[0]) {
    print "$inventory has no column '$col'"
    exit 2
  }
}

existing = list vms listall=true | get name
skipped = 0
for row in rows {
  if row.name in existing {
    skipped = skipped + 1
    continue
  }
  # Left out when the column is empty (name:$x? sends nothing for null).
  userdata = null
  if row.userdata { userdata = base64(read(row.userdata)) }
  job = deploy vm name:$row.name zone:$row.zone template:$row.template serviceoffering:$row.offering userdata:$userdata? &
}
deployed = wait
print "deployed ${len(deployed)}, ${skipped} already there"

names = rows | get name
list vms listall=true | where name in $names | sort name
  | select name zonename as zone templatename as template serviceofferingname as offering state nic[0].ipaddress as ip
  | save $report --force
