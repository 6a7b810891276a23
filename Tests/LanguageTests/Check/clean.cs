#!/usr/bin/env acsh
# A script that uses the language freely: nothing to report.
limit = int($1 || "3")
prefix = $2 || "web"
zone = (list zones)[0]
jobs = []
for i in range(limit) {
    job = deploy template:"Debian 12" zone:$zone.id serviceoffering:"Small Instance" name:"$prefix-$i" &
    jobs = jobs + [job]
}
done = wait jobs
def names(items) { return items | get name }
print "deployed" len(done) "machines:" join(names(done), ", ")
if len(done) > 0 { first_one = done[0] } else { first_one = null }
print first_one.name
list vms | where state == "Stopped" && name =~ "^$prefix" | each -p 4 { start vm id:$it.id }
report = list vms | select name state | sort -name | first 5
try { stop vm id:$first_one.id } catch err { print "could not stop: $err.message" }
n = 0
while n < 2 { n = n + 1 }
print $n $report
