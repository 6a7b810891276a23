/// The parameters of one API call, decoded from the query string and/or the form body.
/// Keeps the pairs in order (for signature checks) and a case-insensitive index
/// (CloudStack matches parameter names regardless of case).
struct RequestParams: Sendable {
    private(set) var pairs: [(String, String)] = []
    private var index: [String: String] = [:]

    init() {}

    init(_ pairs: [(String, String)]) {
        for (k, v) in pairs { add(k, v) }
    }

    mutating func add(_ name: String, _ value: String) {
        pairs.append((name, value))
        index[name.lowercased()] = value
    }

    /// Adds every `name=value` of an application/x-www-form-urlencoded text (`+` is a space).
    mutating func addEncoded(_ text: Substring) {
        for part in text.split(separator: "&", omittingEmptySubsequences: true) {
            if let eq = part.firstIndex(of: "=") {
                add(Self.decode(part[..<eq]), Self.decode(part[part.index(after: eq)...]))
            } else {
                add(Self.decode(part), "")
            }
        }
    }

    subscript(_ name: String) -> String? { index[name.lowercased()] }

    /// Gives a parameter another value (after the signature was checked), e.g. an internal id's UUID.
    mutating func replace(_ name: String, with value: String) {
        let lower = name.lowercased()
        index[lower] = value
        for i in pairs.indices where pairs[i].0.lowercased() == lower { pairs[i].1 = value }
    }

    /// Without the parameters `drop` names (after the signature was checked).
    func dropping(_ drop: (String) -> Bool) -> RequestParams {
        RequestParams(pairs.filter { !drop($0.0.lowercased()) })
    }

    /// Present and not empty (the server treats `name=` as absent).
    func value(_ name: String) -> String? {
        guard let v = index[name.lowercased()], !v.isEmpty else { return nil }
        return v
    }

    var names: Dictionary<String, String>.Keys { index.keys }

    /// Map parameters such as `tags[0].key=a&tags[0].value=b` as a list of records, in index order.
    func map(_ name: String) -> [[String: String]] {
        let prefix = name.lowercased() + "["
        var byIndex: [Int: [String: String]] = [:]
        for (k, v) in index where k.hasPrefix(prefix) {
            let rest = k.dropFirst(prefix.count)
            guard let close = rest.firstIndex(of: "]"), let i = Int(rest[..<close]) else { continue }
            var field = rest[rest.index(after: close)...]
            if field.first == "." { field = field.dropFirst() }
            byIndex[i, default: [:]][String(field)] = v
        }
        return byIndex.keys.sorted().map { byIndex[$0]! }
    }

    /// The first parameter holding a control character the server refuses (0x00-0x1F but CR/LF, or 0x7F).
    var controlCharacterParam: String? {
        for (k, v) in pairs where v.utf8.contains(where: { ($0 < 0x20 && $0 != 0x0A && $0 != 0x0D) || $0 == 0x7F }) {
            return k
        }
        return nil
    }

    static func decode(_ s: Substring) -> String {
        guard s.utf8.contains(where: { $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: "+") }) else { return String(s) }
        var out = [UInt8]()
        out.reserveCapacity(s.utf8.count)
        var it = Array(s.utf8)[...]
        while let c = it.popFirst() {
            if c == UInt8(ascii: "+") {
                out.append(UInt8(ascii: " "))
            } else if c == UInt8(ascii: "%"), it.count >= 2, let h = hexValue(it[it.startIndex]),
                let l = hexValue(it[it.startIndex + 1])
            {
                out.append(h << 4 | l)
                it = it.dropFirst(2)
            } else {
                out.append(c)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
