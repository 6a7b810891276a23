# A misspelt field is null; sent, it would drop the filter and count every zone.
v = list zones name:Sandbox-1 | first
n = list zones name:$v.nmae | count
# expect error: 3:16: name:$v.nmae is null: v has no field 'nmae'; did you mean 'name'? (name:$v.nmae? leaves the parameter out when null)
# expect exit: 2
