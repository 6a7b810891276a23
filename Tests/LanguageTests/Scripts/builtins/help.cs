h = help first
print h
# expect: first [N]    (pipeline stage)
# expect:   the first record, or a list of the first N; stops fetching more pages
# expect:   example: list vms | first 5
print (help len)
# expect: len(x)
# expect:   items of a list, fields of a record, characters of a string
print "stopVirtualMachine  (stop virtualmachine)  async" in (help stop vm)
# expect: true
print (help lsit)
# expect: no command, stage or builtin named 'lsit'
overview = help
print "Builtins:" in overview, "Pipeline stages (after |):" in overview, "len()" in overview
# expect: true true true
print (help list) =~ "^list: [0-9]+ APIs" && "listZones" in (help list)
# expect: true
