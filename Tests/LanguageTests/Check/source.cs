source "lib/helpers.cs"
print $greeting
print shout("hi")
print $not_in_lib
source "lib/missing.cs"
print $anything_goes
