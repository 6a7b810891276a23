set output csv
[{a: 1, b: "x"}]
# expect: a,b
# expect: 1,x
set output json
set timeout 120
set pagesize 50
s = set
print s.output, s.timeout, s.pagesize, s.async, s.dryrun
# expect: json 120 50 wait false
set colour blue
# expect error: 11:1: unknown setting 'colour'
# expect exit: 2
