import Testing
import PropertyBased
@testable import CloudClient

@Suite struct SignerPropertyTests {
    private static let safe = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.-*_+%".utf8)
    private static let hex = Set("0123456789ABCDEF".utf8)

    @Test func asciiEncodesToTheAlphabetAndDecodesBack() async {
        await propertyCheck(count: 300, input: Gen.ascii.string(of: 0...40)) { s in check(s) }
    }

    @Test func unicodeEncodesToTheAlphabetAndDecodesBack() async {
        await propertyCheck(count: 200, input: Gen.character(in: "\u{80}"..."\u{D7FF}").string(of: 0...12)) { s in
            check(s)
        }
        await propertyCheck(count: 100, input: Gen.character(in: "\u{E000}"..."\u{10FFFF}").string(of: 0...6)) { s in
            check(s)
        }
    }

    private func check(_ s: String) {
        let e = Signer.javaURLEncode(s)
        let bytes = Array(e.utf8)
        #expect(bytes.allSatisfy { Self.safe.contains($0) })
        // Every % starts an uppercase %XX.
        for (i, b) in bytes.enumerated() where b == UInt8(ascii: "%") {
            #expect(i + 2 < bytes.count && Self.hex.contains(bytes[i + 1]) && Self.hex.contains(bytes[i + 2]))
        }
        #expect(percentDecode(e) == s)
        #expect(!Signer.encode(s).contains("+"))
    }
}
