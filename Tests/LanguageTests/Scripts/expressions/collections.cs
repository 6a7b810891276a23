vm = {name: "web-1", nic: [{ipaddress: "10.0.0.5"}], tags: []}
print vm.name, vm.nic[0].ipaddress, vm["name"]
# expect: web-1 10.0.0.5 web-1
print vm.missing
# expect: null
xs = [10, 20, 30]
print xs[0], xs[-1], len(xs)
# expect: 10 30 3
print xs + [40]
# expect: [10,20,30,40]
print {a: 1} + {b: 2}
# expect: {"a":1,"b":2}
vms = [{name: "a"}, {name: "b"}]
print vms.name
# expect: ["a","b"]
vm.name = "web-2"
vm.nic[0].ipaddress = "10.0.0.6"
print vm.name, vm.nic[0].ipaddress
# expect: web-2 10.0.0.6
rec = {
  multi: "line",
  list: [
    1,
    2
  ]
}
print rec
# expect: {"multi":"line","list":[1,2]}
