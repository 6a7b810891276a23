def down(n) { return down(n + 1) }
down(0)
# expect error: 1:22: down() called itself more than 1000 levels deep; is the recursion missing an end?
# expect exit: 2
