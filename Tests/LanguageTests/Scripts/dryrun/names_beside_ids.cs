# Each would-be change is printed once, with the name beside the id: the piped record's, or looked up.
v = deploy template:"Debian 12" zone:Sandbox-1 serviceoffering:"Small Instance" name:dryname-1
set dryrun true
r = list vms name:dryname-1 | destroy vm expunge=true
# expect: dry-run: destroyVirtualMachine expunge=true id=@ (dryname-1)
stop vm id:$v.id
# expect: dry-run: stopVirtualMachine id=@ (dryname-1)
print r[0].dryrun, r[0].id == v.id
# expect: true true
e = explain list vms name:dryname-1 | destroy vm expunge=true
print "1 record piped in now: dryname-1" in e
# expect: true
set dryrun false
gone = list vms name:dryname-1 | destroy vm expunge=true
print len(gone)
# expect: 1
