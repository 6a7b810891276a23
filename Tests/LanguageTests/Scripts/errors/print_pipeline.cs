print [1, 2] | count
# expect error: 1:14: print takes values, not a pipeline: put the pipeline in parentheses, e.g. print (list zones | count)
# expect exit: 2
