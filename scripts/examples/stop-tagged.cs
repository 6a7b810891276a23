#!/usr/bin/env acsh
# Stop every running machine that carries a tag KEY (optionally with VALUE).
# usage: acsh stop-tagged.cs KEY [VALUE]
# Try it first with: acsh --dry-run stop-tagged.cs env staging
if len(args) < 1 {
  print "usage: stop-tagged.cs KEY [VALUE]"
  exit 2
}
wantkey = $1
wantvalue = $2

# The server filters by tag; `where` checks again so a server that ignores
# the filter cannot make this stop too much.
# (inside `where`, bare names are the record's fields: the tag's key and value)
running = list vms state:Running tags[0].key=$wantkey listall=true
tagged = running | where len($it.tags | where key == $wantkey && ($wantvalue == null || value == $wantvalue)) > 0
stopped = tagged | each -p 8 { stop vm id:$it.id }
print "stopped ${len(stopped)} machine(s) tagged $wantkey${wantvalue && "=" + wantvalue || ""}"
stopped | select name state | table
