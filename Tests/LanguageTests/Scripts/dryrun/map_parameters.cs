# dry-run
# Records become CloudStack map parameters; lists are comma-joined.
r = createTags resourceids=[1, 2] resourcetype=UserVm tags:{env: "prod", team: "web"}
# expect: dry-run: createTags resourceids=1,2 resourcetype=UserVm tags[0].key=env tags[0].value=prod tags[1].key=team tags[1].value=web
v = updateVirtualMachine id=7 details:{cpuNumber: 2, memory: 1024}
# expect: dry-run: updateVirtualMachine id=7 details[0].cpuNumber=2 details[0].memory=1024
u = updateVirtualMachine id=7 userdata=c2VjcmV0
# expect: dry-run: updateVirtualMachine id=7 userdata=<redacted>
