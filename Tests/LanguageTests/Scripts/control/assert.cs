assert 1 + 1 == 2
assert len([1]) == 1, "fine"
assert 2 < 1, "two is not less than one"
# expect error: 3:1: two is not less than one
# expect exit: 1
