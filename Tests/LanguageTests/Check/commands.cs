# Commands resolve through the catalog as a run resolves them.
list zonez
lsit zones
listZones extra
list zones nmae:Sandbox-1
list zones Sandbox-1
list zones -v
list zones { print 1 }
stop vm id:web-1 expunge:yes
destroy vm id:web-1 expunge:yes
deploy vm zone:Sandbox-1
stop
# Piped records fill parameters, and --keep-going belongs to piped commands.
list vms state:Stopped | destroy vm expunge=true --keep-going
# name:$x? may leave a parameter out; the line still shows it.
deploy vm template:"Debian 12" zone:Sandbox-1 serviceoffering:1 name:$1?
