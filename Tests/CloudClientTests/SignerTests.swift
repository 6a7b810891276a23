import Testing
@testable import CloudClient

@Suite struct SignerTests {
    @Test func knownVectorWithoutExpires() {
        let p = [("command", "listVirtualMachines"), ("listall", "true"), ("response", "json"), ("apiKey", "foo")]
        #expect(Signer.signature(p, secretKey: "bar") == "B0d6hBsZTcFVCiioSxzwKA9Pke8=")
    }

    @Test func knownVectorWithExpires() {
        let p = [
            ("command", "listZones"), ("response", "json"), ("signatureVersion", "3"),
            ("expires", "2025-01-01T00:00:00+0000"), ("apiKey", "foo"),
        ]
        #expect(Signer.signature(p, secretKey: "bar") == "+KsX7LNEaD1s13B8fBUv0apj5FA=")
    }

    @Test func javaEncoderKeepsOnlyItsSafeSet() {
        #expect(Signer.javaURLEncode("a b~*+é_.-") == "a+b%7E*%2B%C3%A9_.-")
        #expect(Signer.encode("a b") == "a%20b")
        #expect(Signer.encode("") == "")
    }

    @Test func sortIsCaseSensitiveAndResultLowercased() {
        let s = Signer.canonicalString([("b", "X"), ("B", "y"), ("a", "Z")])
        #expect(s == "b=y&a=z&b=x")
    }
}
