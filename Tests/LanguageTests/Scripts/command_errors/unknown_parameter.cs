print "checked before any request"
# expect: checked before any request
list zones nmae:Sandbox-1
# expect error: 3:12: listZones has no parameter 'nmae'; did you mean name?
# expect exit: 2
