print "a" =~ "(unclosed"
# expect error: 1:11: invalid regular expression "(unclosed"
# expect exit: 2
