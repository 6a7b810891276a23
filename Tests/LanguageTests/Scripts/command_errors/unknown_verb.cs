lsit zones
# expect error: 1:1: unknown command 'lsit'; did you mean
# expect exit: 2
