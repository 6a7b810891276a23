wait 5
# expect error: 1:1: wait needs a job (from a command ending in '&'), got a number
# expect exit: 2
