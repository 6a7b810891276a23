vm = {name: "web-1", state: "Running", nic: [{ipaddress: "10.1.1.5"}]}
print "$vm.name is $vm.state on ${vm.nic[0].ipaddress}"
# expect: web-1 is Running on 10.1.1.5
n = 3
print "n=$n, n+1=${n + 1}, at the end $n."
# expect: n=3, n+1=4, at the end 3.
print 'raw $n ${n}'
# expect: raw $n ${n}
print "escaped \$n and \"quotes\"\ttab"
# expect: escaped $n and "quotes"	tab
print "list ${[1, 2]} and record ${ {a: 1} }"
# expect: list 1,2 and record {"a":1}
