# API errors carry errorcode, cserrorcode and errortext into catch.
try {
  s = stop vm id:00000000-0000-0000-0000-000000000000
  print "stopped a ghost?"
} catch e {
  print "caught", e.code, e.cserrorcode > 0, len(e.text) > 0, e.exitcode
}
# expect: caught 431 true true 1
s = stop vm id:00000000-0000-0000-0000-000000000000
# expect stderr: jobs/job_failure.cs:9:5: stopVirtualMachine failed:
# expect exit: 1
