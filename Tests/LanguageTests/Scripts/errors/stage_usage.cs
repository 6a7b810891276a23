[1, 2] | first -x
# expect error: 1:16: first has no flag -x; usage: first [N]
# expect exit: 2
