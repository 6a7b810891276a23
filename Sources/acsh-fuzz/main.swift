#if canImport(Glibc)
    import Glibc
#endif

/// libFuzzer entry. One binary, several targets, picked by ACSH_FUZZ_TARGET (scripts/fuzz
/// TARGET sets it): `parser` (the default: lexer, parser and the REPL's completeness check),
/// `client` (a server's answer through the client's handling) and `simulator` (one API request
/// through the simulator's stages). A crash, hang or sanitizer report is a bug; errors are the
/// expected answer to most inputs.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    switch FuzzTarget.selected {
    case .parser: FuzzTarget.parser(bytes)
    case .client: FuzzTarget.client(bytes)
    case .simulator: SimulatorTarget.run(bytes)
    }
    return 0
}

enum FuzzTarget: String {
    case parser, client, simulator

    /// Read once: the environment does not change while the fuzzer runs.
    static let selected: FuzzTarget =
        getenv("ACSH_FUZZ_TARGET").flatMap { FuzzTarget(rawValue: String(cString: $0)) } ?? .parser
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
