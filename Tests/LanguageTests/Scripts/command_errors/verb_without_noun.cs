# `stop` alone means the verb's one obvious API, stopVirtualMachine.
stop
# expect error: 2:1: stopVirtualMachine is missing required parameter id; see 'help stopVirtualMachine'
# expect exit: 2
