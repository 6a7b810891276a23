sleep x
sleep 0.5
sleep $1
set output jsno
set colour on
set output json
set async nowait
set default zone Sandbox-1
sync -x
print "a" $nope
explain deploy vm zone:$undefined
