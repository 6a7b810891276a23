print "one"
# expect: one
r = start vm id:00000000-0000-0000-0000-000000000000
print "never"
# expect stderr: command_errors/uncaught_api_error_stops.cs:3:5: startVirtualMachine failed:
# expect exit: 1
