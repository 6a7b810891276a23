print len("héllo"), len([1, 2]), len({a: 1})
# expect: 5 2 1
print keys({b: 1, a: 2}), values({b: 1, a: 2})
# expect: ["b","a"] [1,2]
print str(12) + "!", int("42") + 1, int(3.9), float("2.5") * 2
# expect: 12! 43 3 5
print type(1), type("s"), type([]), type({}), type(null), type(true)
# expect: number string list record null bool
print join(["a", "b"], "-"), split("a b  c"), split("a,b", ",")
# expect: a-b ["a","b","c"] ["a","b"]
print upper("ab"), lower("AB"), trim("  x "), replace("aXa", "X", "-")
# expect: AB ab x a-a
print startswith("web-1", "web"), endswith("web-1", "-2")
# expect: true false
print sum([1, 2, 3.5]), min([3, 1, 2]), max(["a", "c", "b"])
# expect: 6.5 1 c
print fromjson("{\"a\": [1, 2]}").a[1], tojson({a: [1, "x"]})
# expect: 2 {"a":[1,"x"]}
print env("ACSH_SURELY_UNSET_VAR", "fallback")
# expect: fallback
print now() > 1700000000
# expect: true
print time("2024-01-31T10:00:00+0000")
# expect: 1706695200
