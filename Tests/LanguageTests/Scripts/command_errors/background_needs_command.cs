x = [1, 2] | count &
# expect error: 1:5: '&' runs an API command in the background
# expect exit: 2
