# A parameter default fills a parameter the API takes when the line leaves it out.
set default serviceoffering "Small Instance"
vm = deploy template:"Debian 12" zone:Sandbox-1 name:def-1
print vm.serviceofferingname
# expect: Small Instance
set default
# expect: {"serviceoffering":"Small Instance"}
# The line wins over the default.
vm2 = deploy template:"Debian 12" zone:Sandbox-1 name:def-2 serviceoffering:"Medium Instance"
print vm2.serviceofferingname
# expect: Medium Instance
# A read-only API is never narrowed by a default of an optional parameter.
set default zone Sandbox-2
print (list vms name:def-1 | count)
# expect: 1
e = explain deploy template:"Debian 12" name:def-3
print "from set default" in e, "serviceoffering:\"Small Instance\"" in e, "zone:Sandbox-2" in e
# expect: true true true
set default zone
set default
# expect: {"serviceoffering":"Small Instance"}
gone = list vms keyword:def- | where name =~ "^def-" | destroy vm expunge=true
print len(gone)
# expect: 2
set default nosuchparam 1
# expect error: 25:1: no API takes a parameter 'nosuchparam'
