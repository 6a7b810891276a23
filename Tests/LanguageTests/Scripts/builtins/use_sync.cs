sync
# expect: catalog unchanged (test host)
use nowhere
# expect error: 3:1: no profile named 'nowhere' in tests
# expect exit: 2
