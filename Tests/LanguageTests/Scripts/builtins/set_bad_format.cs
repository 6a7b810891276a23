set output yaml
# expect error: 1:1: unknown output format 'yaml': use json, table, csv or text
# expect exit: 2
