# A missing file, bad CSV or JSON: the call's location, and the line in the data file.
try {
    rows = readcsv("data/missing.csv")
} catch e {
    print e.message
    print e.location
}
# expect: readcsv(): cannot read data/missing.csv (files/data/missing.csv): no such file
# expect: files/read_errors.cs:3:12

try { readcsv("data/bad_row.csv") } catch e { print e.message }
# expect: readcsv(): files/data/bad_row.csv:3:17: this row has 3 fields, the header 2 (quote a value holding a comma)
try { readcsv("data/bad_quote.csv") } catch e { print e.message }
# expect: readcsv(): files/data/bad_quote.csv:3:7: the quoted field opened here is never closed
try { readcsv("data/bad_header.csv") } catch e { print e.message }
# expect: readcsv(): files/data/bad_header.csv:1:6: column 2 of the header has no name
try { readjson("data/bad.json") } catch e { print e.message }
# expect: readjson(): files/data/bad.json:3:15: malformed JSON: expected ',' or ']'
try { read("data") } catch e { print e.message }
# expect: read(): cannot read data (files/data): it is a folder, not a file
try { read("data/latin1.txt") } catch e { print e.message }
# expect: read(): files/data/latin1.txt:2: the file is not UTF-8 text

# Not caught: the script stops there with exit 2.
cfg = readjson("data/nope.json")
# expect error: 25:7: readjson(): cannot read data/nope.json (files/data/nope.json): no such file
print "not reached"
