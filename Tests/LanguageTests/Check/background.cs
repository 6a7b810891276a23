x = [1, 2] | count &
j = deploy vm template:"Debian 12" zone:Sandbox-1 serviceoffering:1 &
k = list zones | first &
