[1] | where state = "Stopped"
# expect error: 1:19: '=' assigns a variable; to compare, write '=='
# expect exit: 2
