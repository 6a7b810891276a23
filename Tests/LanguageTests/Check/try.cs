# A mistake inside try is caught like any error, perhaps on purpose: a warning only.
try { list zonez } catch e { print e.message }
try { print $nope } catch { print "caught" }
list zonez
