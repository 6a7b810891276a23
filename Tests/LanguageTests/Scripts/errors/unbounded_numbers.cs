# Numbers from the user are bounded: infinity, NaN and 1e300 are refused, never trap.
try { set timeout inf } catch e { print e.text }
# expect: timeout needs a number of seconds above 0 up to 31536000 (a year), not 'inf'
try { set timeout 1e300 } catch e { print e.text }
# expect: timeout needs a number of seconds above 0 up to 31536000 (a year), not '1e300'
try { sleep nan } catch e { print e.text }
# expect: sleep needs a number of seconds from 0 up to 31536000 (a year), not 'nan'
sleep inf
# expect error: 8:1: sleep needs a number of seconds from 0 up to 31536000 (a year), not 'inf'
# expect exit: 2
