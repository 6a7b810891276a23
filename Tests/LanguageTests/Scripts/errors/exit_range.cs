exit 300
# expect error: 1:1: exit needs a number from 0 to 255, not 300
# expect exit: 2
