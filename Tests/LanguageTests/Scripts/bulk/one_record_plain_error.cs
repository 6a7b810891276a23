# One record piped in fails with the server's own error, as the command alone would.
gone = {name: "onerec-gone", id: "00000000-0000-0000-0000-000000000000"}
try { gone | stop vm } catch e { print e.text, e.code, "done" in e }
# expect: Unable to find virtual machine with specified id 00000000-0000-0000-0000-000000000000 (parameter id) 431 false
