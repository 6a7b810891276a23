import Language

extension FuzzTarget {
    /// Any bytes through the lexer, parser, `acsh check` and the REPL's completeness check.
    static func parser(_ bytes: UnsafeBufferPointer<UInt8>) {
        let text = String(decoding: bytes, as: UTF8.self)
        _ = Session.check(source: text, file: "fuzz.cs")
        _ = ScriptCheck.findings(source: text, file: "fuzz.cs", context: CheckContext())
        _ = Session.isIncomplete(text)
    }
}
