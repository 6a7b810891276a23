list vms | first abc
list vms | first -x
list vms | first 5.0
list vms | skip
list vms | get a b
list vms | group
list vms | select
list vms | sort -created name
list vms | reverse 3
list vms | json -x
list vms | count a b
list vms | each
list vms | each -p
list vms | each -p x { print $it.name }
list vms | where name == "x" | uniq name state
list vms | select id name:x
list vms | first { print 1 }
