v = {name: "web-1", id: "00000000-0000-0000-0000-000000000000"}
try { destroy vm id:$v.idd expunge=true } catch e { print e.message, e.exitcode }
# expect: id:$v.idd is null: v has no field 'idd'; did you mean 'id'? (id:$v.idd? leaves the parameter out when null) 2
try { destroy vm id:$v.id expunge:yes } catch e { print e.text }
# expect: expunge takes true or false, not 'yes'
