# One record piped in fails with the server's own error, as the command alone would.
gone = {name: "onerec-gone", id: "00000000-0000-0000-0000-000000000000"}
try { gone | stop vm } catch e { print e.text, e.code, "done" in e }
# expect: Unable to execute API command stopvirtualmachine due to invalid value. Invalid parameter id value=00000000-0000-0000-0000-000000000000 due to incorrect long value format, or entity does not exist or due to incorrect parameter annotation for the field in api cmd class. 431 false
