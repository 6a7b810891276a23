#!/usr/bin/env acsh
# Destroy (and expunge) machines stopped for more than DAYS days.
# usage: acsh cleanup-stopped.cs DAYS
# Look first with: acsh --dry-run cleanup-stopped.cs 30
if len(args) != 1 {
  print "usage: cleanup-stopped.cs DAYS"
  exit 2
}
days = float($1)
cutoff = now() - days * 86400

# CloudStack has no "stopped since"; the last change we can see is `lastupdated`
# where the server sends it, else `created`.
old = list vms state:Stopped listall=true | where time($it.lastupdated || $it.created) <= cutoff
print "${len(old)} machine(s) stopped for more than $days day(s)"
removed = old | each -p 4 { destroy vm id:$it.id expunge=true }
removed | select name state | table
