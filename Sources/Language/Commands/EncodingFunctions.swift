import Crypto
import FoundationEssentials
import Values

extension Builtins {
    /// base64, base64decode, urlencode, sha256, format, padleft, padright.
    static let encodingFunctions: [FunctionDefinition] = [
        FunctionDefinition(
            name: "base64", arity: 1...1, usage: "base64(text)",
            summary: "the text's UTF-8 bytes in base64, as CloudStack wants userdata"
        ) { c in
            .string(Data(c.args[0].plainText.utf8).base64EncodedString())
        },
        FunctionDefinition(
            name: "base64decode", arity: 1...1, usage: "base64decode(text)",
            summary: "the text that base64 encoded (line breaks and spaces ignored)"
        ) { c in
            let compact = String(
                c.args[0].plainText.unicodeScalars.filter { !$0.properties.isWhitespace })
            guard let data = Data(base64Encoded: compact) else {
                throw c.fail(
                    "base64decode(): the text is not base64 (A-Z, a-z, 0-9, + and /, padded with = to a multiple of 4)")
            }
            guard let text = String(validating: [UInt8](data), as: UTF8.self) else {
                throw c.fail("base64decode(): the decoded bytes are not UTF-8 text")
            }
            return .string(text)
        },
        FunctionDefinition(
            name: "urlencode", arity: 1...1, usage: "urlencode(text)",
            summary: "the text percent-encoded for a URL: all but A-Z a-z 0-9 - . _ ~ as %XX"
        ) { c in
            .string(urlEncoded(c.args[0].plainText))
        },
        FunctionDefinition(
            name: "sha256", arity: 1...1, usage: "sha256(text)",
            summary: "the SHA-256 digest of the text's UTF-8 bytes, in lowercase hex"
        ) { c in
            .string(SHA256.hash(data: Array(c.args[0].plainText.utf8)).map { CFormat.hex($0) }.joined())
        },
        FunctionDefinition(
            name: "format", arity: 1...100, usage: "format(template, values...)",
            summary: "values put into {} placeholders: {} next, {1} by number, {:<10} {:>8.2} {:^6} aligned"
        ) { c in
            do {
                return .string(try TextTemplate.format(c.args[0].plainText, Array(c.args.dropFirst())))
            } catch let e as TextTemplate.Failure {
                throw c.fail("format(): \(e.message)")
            }
        },
        FunctionDefinition(
            name: "padleft", arity: 2...3, usage: "padleft(text, width[, fill])",
            summary: "the text right-aligned in width columns, filled with spaces (or fill)"
        ) { c in
            try pad(c, left: true)
        },
        FunctionDefinition(
            name: "padright", arity: 2...3, usage: "padright(text, width[, fill])",
            summary: "the text left-aligned in width columns, filled with spaces (or fill)"
        ) { c in
            try pad(c, left: false)
        },
    ]

    static func pad(_ c: FunctionCall, left: Bool) throws -> Value {
        let name = left ? "padleft" : "padright"
        guard let width = c.args[1].number?.int ?? Int(c.args[1].plainText), (0...10_000).contains(width) else {
            throw c.fail("\(name)() needs a width from 0 to 10000, not '\(c.args[1].plainText)'")
        }
        let fill = c.args.count > 2 ? c.args[2].plainText : " "
        guard fill.count == 1, let ch = fill.first else {
            throw c.fail("\(name)() fills with one character, not '\(fill)'")
        }
        return .string(TextTemplate.pad(display(c.args[0]), width: width, fill: ch, padLeft: left))
    }

    /// RFC 3986: unreserved characters stay, every other UTF-8 byte becomes %XX (a space too, not +).
    static func urlEncoded(_ s: String) -> String {
        var out = ""
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(UnicodeScalar(b))
            default:
                out += "%" + CFormat.hex(b, upper: true)
            }
        }
        return out
    }
}
