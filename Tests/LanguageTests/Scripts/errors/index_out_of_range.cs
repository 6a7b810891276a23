zones = []
z = zones[0]
# expect error: 2:10: index 0 is out of range (the list has 0 items)
# expect exit: 2
