/// The compact text form of a catalog: what the bundled catalog and the synced
/// cache files hold. Loading it only finds line starts and names; an API's
/// fields are read when asked for, so start-up never parses 700 APIs.
///
///     acsh-catalog 1
///     NAME TAB a|s TAB SINCE TAB RELATED TAB RESPONSEFIELDS TAB DESCRIPTION (TAB PARAM)*
///     RESPONSEFIELD = NAME[:TYPE]   (TYPE only for numbers and booleans: `startport:integer`)
///     PARAM = NAME SP TYPE SP r|o SP LENGTH SP RELATED SP SINCE SP DESCRIPTION
///
/// Lists are comma-joined, an absent field is `-`, descriptions escape `\`, tab,
/// CR and LF as `\\ \t \r \n` (and a description that is just `-` as `\-`).
/// Lines are sorted by lowercased name. scripts/gen-catalog writes the same form.
enum CompactFormat {
    static let header = "acsh-catalog 1"

    static func encode(_ apis: [API], descriptions: Bool) -> String {
        var out = header + "\n"
        for api in apis.sorted(by: { $0.name.lowercased() < $1.name.lowercased() }) {
            var fields = [
                api.name, api.isAsync ? "a" : "s", api.since ?? "-", list(api.related),
                list(api.responseFields.map { f in api.responseTypes[f].map { "\(f):\($0)" } ?? f }),
                descriptions ? escape(api.description) : "-",
            ]
            for p in api.params {
                fields.append(
                    [
                        p.name, p.type, p.required ? "r" : "o", p.length.map(String.init) ?? "-",
                        list(p.related), p.since ?? "-",
                        descriptions ? escape(p.description) : "-",
                    ].joined(separator: " "))
            }
            out += fields.joined(separator: "\t")
            out += "\n"
        }
        return out
    }

    private static func list(_ items: [String]) -> String { items.isEmpty ? "-" : items.joined(separator: ",") }

    private static func escape(_ text: String?) -> String {
        guard let text, !text.isEmpty else { return "-" }
        if text == "-" { return "\\-" }
        var out = ""
        for ch in text.unicodeScalars {
            switch ch {
            case "\\": out += "\\\\"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    /// Reads one API line (without its newline). Works on bytes: splitting by
    /// Character costs a hundred times more on lines of a few kilobytes.
    static func decode(line: UnsafeBufferPointer<UInt8>) -> API {
        let f = split(line, 0x09, max: Int.max)
        // A missing field reads as empty, which means absent like `-`.
        func field(_ i: Int) -> Slice<UnsafeBufferPointer<UInt8>> { i < f.count ? f[i] : line[line.endIndex...] }
        var names: [String] = [], types: [String: String] = [:]
        for item in list(field(4)) {
            if let colon = item.firstIndex(of: ":") {
                let name = String(item[..<colon])
                names.append(name)
                types[name] = String(item[item.index(after: colon)...])
            } else {
                names.append(item)
            }
        }
        var api = API(
            name: string(f[0]), isAsync: field(1).elementsEqual([0x61]),
            responseFields: names, responseTypes: types, related: list(field(3)),
            since: optional(field(2)), description: unescape(field(5)))
        if f.count > 6 {
            api.params = f[6...].map { param($0) }
        }
        return api
    }

    private static func param(_ text: Slice<UnsafeBufferPointer<UInt8>>) -> APIParam {
        let s = split(text, 0x20, max: 6)
        func sub(_ i: Int) -> Slice<UnsafeBufferPointer<UInt8>> { i < s.count ? s[i] : text[text.endIndex...] }
        return APIParam(
            name: string(s[0]), type: absent(sub(1)) ? "string" : string(sub(1)),
            required: sub(2).elementsEqual([0x72]),
            length: Int(string(sub(3))), related: list(sub(4)), since: optional(sub(5)),
            description: unescape(sub(6)))
    }

    private static func split(_ b: Slice<UnsafeBufferPointer<UInt8>>, _ sep: UInt8, max: Int)
        -> [Slice<UnsafeBufferPointer<UInt8>>]
    {
        var out: [Slice<UnsafeBufferPointer<UInt8>>] = []
        var start = b.startIndex
        var i = b.startIndex
        while i < b.endIndex {
            if b[i] == sep, out.count < max {
                out.append(b[start..<i])
                start = i + 1
            }
            i += 1
        }
        out.append(b[start..<b.endIndex])
        return out
    }

    private static func split(_ b: UnsafeBufferPointer<UInt8>, _ sep: UInt8, max: Int)
        -> [Slice<UnsafeBufferPointer<UInt8>>]
    {
        split(b[...], sep, max: max)
    }

    private static func string(_ b: Slice<UnsafeBufferPointer<UInt8>>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: b), as: UTF8.self)
    }

    /// `-` or empty.
    private static func absent(_ b: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        b.isEmpty || b.count == 1 && b[b.startIndex] == 0x2D
    }

    private static func optional(_ b: Slice<UnsafeBufferPointer<UInt8>>) -> String? {
        absent(b) ? nil : string(b)
    }

    private static func list(_ b: Slice<UnsafeBufferPointer<UInt8>>) -> [String] {
        absent(b) ? [] : split(b, 0x2C, max: Int.max).map(string)
    }

    private static func unescape(_ b: Slice<UnsafeBufferPointer<UInt8>>) -> String? {
        if absent(b) { return nil }
        guard b.contains(0x5C) else { return string(b) }
        var out: [UInt8] = []
        out.reserveCapacity(b.count)
        var i = b.startIndex
        while i < b.endIndex {
            let c = b[i]
            i += 1
            guard c == 0x5C, i < b.endIndex else { out.append(c); continue }
            let e = b[i]
            i += 1
            switch e {
            case 0x74: out.append(0x09)
            case 0x6E: out.append(0x0A)
            case 0x72: out.append(0x0D)
            default: out.append(e)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
