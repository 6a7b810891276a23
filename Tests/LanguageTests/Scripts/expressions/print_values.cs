# A statement's value is printed in the output format (json in tests).
x = 41
x + 1
# expect: 42
{id: "1", n: 2}
# expect: {"id":"1","n":2}
"strings print as they are"
# expect: strings print as they are
null
