try {
  assert 1 == 2, "one is not two"
} catch e {
  print "caught: $e.text (exit code $e.exitcode)"
}
# expect: caught: one is not two (exit code 1)
try {
  x = undefined_thing
} catch err {
  print err.message
}
# expect: unknown variable or command 'undefined_thing'
print "after"
# expect: after
