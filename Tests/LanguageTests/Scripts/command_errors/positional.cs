list zones Sandbox-1
# expect error: 1:12: unexpected argument to listZones: write parameters as name:value or name=value
# expect exit: 2
