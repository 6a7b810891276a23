names = [1, 2, 3] | each { "item-$it" }
print names
# expect: ["item-1","item-2","item-3"]
doubled = range(20) | each -p 4 { $it * 2 }
print len(doubled), doubled[19], (doubled | first 3)
# expect: 20 38 [0,2,4]
[1, 2] | each { print "side effect $it" }
# expect: side effect 1
# expect: side effect 2
