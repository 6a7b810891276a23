# A list API whose answer is one object (listCapabilities: {"capability": {...}}) gives that object.
caps = list capabilities
print type(caps), caps.cloudstackversion =~ "^4\.18"
# expect: record true
print (list capabilities | count), (list capabilities | get securitygroupsenabled)
# expect: 1 [true]
