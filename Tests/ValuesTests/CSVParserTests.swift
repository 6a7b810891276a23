import Testing
import Values

/// RFC 4180 edge cases (readcsv): what real exports contain, and the errors for what they get wrong.
@Suite struct CSVParserTests {
    func rows(_ text: String) throws -> [[String: String]] {
        try CSVParser.records(text).map { v in
            Dictionary(uniqueKeysWithValues: v.record!.map { ($0.key, $0.value.string!) })
        }
    }

    @Test func quotedFieldsHoldCommasQuotesAndLineBreaks() throws {
        let r = try rows("a,b\n\"x,y\",\"say \"\"hi\"\"\"\n\"two\nlines\",\"\"\n")
        #expect(r == [["a": "x,y", "b": "say \"hi\""], ["a": "two\nlines", "b": ""]])
    }

    @Test func byteOrderMarkCRLFAndMissingFinalNewline() throws {
        let r = try rows("\u{FEFF}name,cpu\r\nweb-1,2\r\n\r\ndb-1,004")
        #expect(r == [["name": "web-1", "cpu": "2"], ["name": "db-1", "cpu": "004"]])
        // The BOM is not part of the first field's name.
        #expect(try CSVParser.records("\u{FEFF}id\n1\n").first?.record?.keys.first == "id")
    }

    @Test func keepsHeaderOrderAndTextValues() throws {
        let r = try CSVParser.records("z,a,m\n1,2.50,true\n")
        #expect(r[0].record.map { Array($0.keys) } == ["z", "a", "m"])
        #expect(r[0].record?["a"]?.string == "2.50")
        #expect(r[0].record?["m"]?.string == "true")
    }

    @Test func emptyAndHeaderOnlyFilesHaveNoRows() throws {
        #expect(try CSVParser.records("").isEmpty)
        #expect(try CSVParser.records("a,b\n").isEmpty)
        #expect(try CSVParser.records("\n\n").isEmpty)
    }

    @Test func emptyFieldsAndTrailingComma() throws {
        #expect(try rows("a,b,c\n,,\n") == [["a": "", "b": "", "c": ""]])
        #expect(try rows("a,b\nx,\n") == [["a": "x", "b": ""]])
    }

    @Test func multibyteText() throws {
        #expect(try rows("nom,ville\nZoë,Zürich\n") == [["nom": "Zoë", "ville": "Zürich"]])
    }

    func failure(_ text: String) -> CSVError? {
        do { _ = try CSVParser.records(text); return nil } catch { return error }
    }

    @Test func errorsSayWhereInTheData() {
        #expect(
            failure("a,b\n1,2\n3,\"open\n4,5\n")?.description == "3:3: the quoted field opened here is never closed")
        #expect(
            failure("a,b\n1,2,3\n")?.description
                == "2:5: this row has 3 fields, the header 2 (quote a value holding a comma)")
        #expect(
            failure("a,b,c\n1,2\n")?.description
                == "2:1: this row has 2 fields, the header 3 (quote a value holding a comma)")
        #expect(
            failure("a,\"b\"x\n")?.description
                == "1:6: text after the closing quote of a field (write a quote inside a quoted field as \"\")")
        #expect(failure("a,a\n1,2\n")?.description == "1:3: the header names 'a' twice")
        #expect(failure("a,,b\n")?.description == "1:3: column 2 of the header has no name")
        // A row spanning lines is reported at the line it starts on.
        #expect(failure("a,b\n\"x\ny\",1,2\n")?.line == 2)
    }
}
