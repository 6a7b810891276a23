list zonez
# expect error: 1:1: unknown command 'list zonez'; did you mean 'list zones'?
# expect exit: 2
