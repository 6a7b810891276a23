rows = [{id: "1", name: "a,b"}, {id: "2", name: "plain"}]
rows | csv
# expect: id,name
# expect: 1,"a,b"
# expect: 2,plain
rows | text
# expect: id: 1
# expect: name: a,b
# expect:
# expect: id: 2
# expect: name: plain
rows | json
# expect: [{"id":"1","name":"a,b"},{"id":"2","name":"plain"}]
s = rows | first | json
print len(s) > 10
# expect: true
rows | table
# expect: id  name
# expect: --  -----
# expect: 1   a,b
# expect: 2   plain
