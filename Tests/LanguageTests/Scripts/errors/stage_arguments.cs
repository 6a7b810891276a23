xs = [1, 2, 3]
try { print (xs | count > 1) } catch e { print e.message }
# expect: count takes at most one field name (count state); to compare its result, put the pipeline in parentheses: (list vms | count) > 0
try { xs | select } catch e { print e.message }
# expect: select needs field names: select id name
try { xs | get a b } catch e { print e.message }
# expect: get takes one field name: get id
try { xs | group } catch e { print e.message }
# expect: group takes one field name: group state
try { xs | each -p 0 { $it } } catch e { print e.message }
# expect: -p needs a number of parallel runs ≥ 1: each -p 8 { ... }
try { xs | each } catch e { print e.message }
# expect: each needs a block: each { print $it.name }
try { xs | first two } catch e { print e.message }
# expect: first takes one count, a whole number ≥ 0: first [N]
try { xs | select a as } catch e { print e.message }
# expect: 'as' needs a new name after it
