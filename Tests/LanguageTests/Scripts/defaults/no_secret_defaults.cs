# A secret never becomes a default (defaults are listed and saved as plain text).
set default password hunter2
# expect error: 2:1: 'password' holds a secret: it cannot be a default
