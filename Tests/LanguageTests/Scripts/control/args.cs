#!/usr/bin/env acsh
# args: alpha beta
print len(args), $1, $2, $3
# expect: 2 alpha beta null
for a in $args { print a }
# expect: alpha
# expect: beta
print "$1 and ${len(args)} and $2.x"
# expect: alpha and 2 and beta.x
