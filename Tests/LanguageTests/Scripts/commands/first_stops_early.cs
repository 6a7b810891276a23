# first takes what it needs from a streamed list and stops.
set pagesize 1
two = list zones | first 2
print len(two)
# expect: 2
one = list zones | first
print one.name
# expect: Sandbox-1
