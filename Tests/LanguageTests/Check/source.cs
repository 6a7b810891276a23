source "lib/helpers.cs"
print $greeting
print shout("hi")
print $not_in_lib
source "lib/missing.cs"
print $anything_goes
# The unread file may define its own len().
print len(1, 2)
