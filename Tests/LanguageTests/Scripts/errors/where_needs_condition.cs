[1] | where
# expect error: 1:12: 'where' needs a condition, e.g. where CONDITION
# expect exit: 2
