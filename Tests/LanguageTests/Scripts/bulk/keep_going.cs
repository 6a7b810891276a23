# --keep-going (or `set onerror continue`) runs the rest and reports every failure at the end.
a = deploy template:"Debian 12" zone:Sandbox-1 serviceoffering:"Small Instance" name:bulkgo-a
b = deploy template:"Debian 12" zone:Sandbox-1 serviceoffering:"Small Instance" name:bulkgo-b
gone = {name: "bulkgo-gone", id: "00000000-0000-0000-0000-000000000000"}
try { r = [a, gone, b] | stop vm --keep-going } catch e { print e.message, e.exitcode }
# expect: stop vm: 2 done (bulkgo-a, bulkgo-b), 1 failed (bulkgo-gone: Unable to execute API command stopvirtualmachine due to invalid value. Invalid parameter id value=00000000-0000-0000-0000-000000000000 due to incorrect long value format, or entity does not exist or due to incorrect parameter annotation for the field in api cmd class.) 1
print (list vms keyword:bulkgo- | count state)
# expect: {"Stopped":2}
set onerror continue
try { r = [gone, a, gone] | start vm } catch e { print e.message }
# expect: start vm: 1 done (bulkgo-a), 2 failed (bulkgo-gone: Unable to execute API command startvirtualmachine due to invalid value. Invalid parameter id value=00000000-0000-0000-0000-000000000000 due to incorrect long value format, or entity does not exist or due to incorrect parameter annotation for the field in api cmd class.; bulkgo-gone: Unable to execute API command startvirtualmachine due to invalid value. Invalid parameter id value=00000000-0000-0000-0000-000000000000 due to incorrect long value format, or entity does not exist or due to incorrect parameter annotation for the field in api cmd class.)
set onerror stop
print (set).onerror
# expect: stop
[gone, a] | stop vm
# expect error: 15:13: stop vm: 0 done, 1 failed (bulkgo-gone: Unable to execute API command stopvirtualmachine due to invalid value. Invalid parameter id value=00000000-0000-0000-0000-000000000000 due to incorrect long value format, or entity does not exist or due to incorrect parameter annotation for the field in api cmd class.), 1 not tried (bulkgo-a)
# expect exit: 1
