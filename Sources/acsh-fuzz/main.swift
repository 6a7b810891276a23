import Language

/// libFuzzer entry: any bytes through the lexer, parser and the REPL's
/// completeness check. A crash, hang or sanitizer report is a bug; syntax
/// errors are the expected answer to most inputs.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    _ = Session.check(source: text, file: "fuzz.cs")
    _ = Session.isIncomplete(text)
    return 0
}

#if !FUZZING
// libFuzzer supplies `main` in fuzz builds (scripts/fuzz passes -DFUZZING);
// an ordinary `swift build` links this one instead.
@main
struct FuzzMain {
    static func main() {
        print("acsh-fuzz is built by scripts/fuzz (libFuzzer); run that instead")
    }
}
#endif
