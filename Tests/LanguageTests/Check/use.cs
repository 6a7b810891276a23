# After `use`, another profile's catalog may hold what the bundled one lacks.
use prod
list widgets
print $nope
