sync
# expect: catalog unchanged (test host)
sync -v
# expect: catalog unchanged (test host), verbose
sync --verbose
# expect: catalog unchanged (test host), verbose
try { sync -x } catch e { print e.text }
# expect: sync has no flag -x; usage: sync [-v]
use nowhere
# expect error: 9:1: no profile named 'nowhere' in tests
# expect exit: 2
