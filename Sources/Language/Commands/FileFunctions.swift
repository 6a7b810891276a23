import Values

extension Builtins {
    /// read, readjson, readcsv, exists: files in. Relative paths start at the script's folder.
    static let fileFunctions: [FunctionDefinition] = [
        FunctionDefinition(
            name: "read", arity: 1...1, usage: "read(path)",
            summary: "a file's text (a relative path starts at the script's folder)"
        ) { c in
            .string(try ScriptFiles.text(c.args[0].plainText, at: c.location, for: "read"))
        },
        FunctionDefinition(
            name: "readjson", arity: 1...1, usage: "readjson(path)",
            summary: "the value of a JSON file (numbers keep their text)"
        ) { c in
            let given = c.args[0].plainText
            let bytes = try ScriptFiles.bytes(given, at: c.location, for: "readjson")
            // A byte order mark (some Windows editors write one) is not part of the JSON.
            let bom = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
            do {
                return try JSONParser.parse(Array(bytes.dropFirst(bom)))
            } catch let e as JSONError {
                let (line, column) = ScriptFiles.lineAndColumn(of: e.offset + bom, in: bytes)
                let what = e.truncated ? "the JSON ends early (\(e.message))" : "malformed JSON: \(e.message)"
                throw c.fail("readjson(): \(ScriptFiles.resolve(given, from: c.location)):\(line):\(column): \(what)")
            }
        },
        FunctionDefinition(
            name: "readcsv", arity: 1...1, usage: "readcsv(path)",
            summary: "the rows of a CSV file as records named by its header line; values stay text"
        ) { c in
            let given = c.args[0].plainText
            let text = try ScriptFiles.text(given, at: c.location, for: "readcsv")
            do {
                return .list(try CSVParser.records(text))
            } catch {
                throw c.fail("readcsv(): \(ScriptFiles.resolve(given, from: c.location)):\(error)")
            }
        },
        FunctionDefinition(
            name: "exists", arity: 1...1, usage: "exists(path)",
            summary: "whether a file or folder is there (a relative path starts at the script's folder)"
        ) { c in
            .bool(ScriptFiles.exists(c.args[0].plainText, at: c.location))
        },
    ]
}
