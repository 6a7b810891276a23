greeting = "hello"
def shout(s) { return upper(s) }
