print("acsh")
