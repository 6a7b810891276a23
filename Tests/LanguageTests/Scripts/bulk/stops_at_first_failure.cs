# A command stage stops at the first failure, says what it did and leaves `r` unset.
a = deploy template:"Debian 12" zone:Sandbox-1 serviceoffering:"Small Instance" name:bulkstop-a
b = deploy template:"Debian 12" zone:Sandbox-1 serviceoffering:"Small Instance" name:bulkstop-b
mixed = [a, {name: "bulkstop-gone", id: "00000000-0000-0000-0000-000000000000"}, b]
try {
  r = mixed | stop vm
} catch e {
  print e.message
  print e.code, e.exitcode, (e.done | get name), (e.failed | get name), (e.nottried | get name)
  print e.failed[0].error
}
# expect: stop vm: 1 done (bulkstop-a), 1 failed (bulkstop-gone: Unable to execute API command stopvirtualmachine due to invalid value. Invalid parameter id value=00000000-0000-0000-0000-000000000000 due to incorrect long value format, or entity does not exist or due to incorrect parameter annotation for the field in api cmd class.), 1 not tried (bulkstop-b)
# expect: 431 1 ["bulkstop-a"] ["bulkstop-gone"] ["bulkstop-b"]
# expect: Unable to execute API command stopvirtualmachine due to invalid value. Invalid parameter id value=00000000-0000-0000-0000-000000000000 due to incorrect long value format, or entity does not exist or due to incorrect parameter annotation for the field in api cmd class.
try { print r } catch e { print e.text }
# expect: unknown variable 'r'
print (list vms keyword:bulkstop- | sort name | get state)
# expect: ["Stopped","Running"]
