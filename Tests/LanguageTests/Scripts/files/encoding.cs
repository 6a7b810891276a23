# base64 (CloudStack's userdata), urlencode, sha256, format and padding.
print base64("#cloud-config\n"), base64decode("I2Nsb3VkLWNvbmZpZwo=") == "#cloud-config\n"
# expect: I2Nsb3VkLWNvbmZpZwo= true
print base64decode(base64("héllo ✓")), base64decode("aGVs\nbG8=")
# expect: héllo ✓ hello
print urlencode("a b&c=d/é~")
# expect: a%20b%26c%3Dd%2F%C3%A9~
print sha256("abc")
# expect: ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
print format("{} has {} vCPU", "web-1", 2)
# expect: web-1 has 2 vCPU
print format("[{:<6}|{:>4}|{:^7}|{1}]", "ab", 7, "mid")
# expect: [ab    |   7|  mid  |7]
print format("{:.2} {:>6.1} {:.3}", 3.14159, "2.25", "abcdef")
# expect: 3.14    2.2 abc
print format("{{literal}} {}", "x")
# expect: {literal} x
print padleft("7", 3, "0"), padright("ab", 4) + "|", padleft("漢字", 6) + "|"
# expect: 007 ab  |   漢字|
try { format("{} {}", "only one") } catch e { print e.message }
# expect: format(): the template wants value 1 but 1 value was given
try { format("{:x}", 1) } catch e { print e.message }
# expect: format(): '{:x}' is not a format: write e.g. {:<12}, {:>8.2} or {:^5} (width up to 9999)
try { base64decode("not base64!") } catch e { print e.message }
# expect: base64decode(): the text is not base64 (A-Z, a-z, 0-9, + and /, padded with = to a multiple of 4)
try { base64decode(base64("x") + "/w==") } catch e { print e.message }
# expect: base64decode(): the text is not base64 (A-Z, a-z, 0-9, + and /, padded with = to a multiple of 4)
try { base64decode("/w==") } catch e { print e.message }
# expect: base64decode(): the decoded bytes are not UTF-8 text
