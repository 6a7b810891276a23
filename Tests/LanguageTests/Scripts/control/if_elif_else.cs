def classify(n) {
  if n < 0 {
    return "negative"
  } elif n == 0 {
    return "zero"
  } else {
    return "positive"
  }
}
print classify(-1), classify(0), classify(5)
# expect: negative zero positive
if false { print "no" }
else { print "else on the next line" }
# expect: else on the next line
