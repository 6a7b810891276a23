/// The APIs a server offers: the bundled 4.18 catalog, or one synced from a
/// server. Immutable; building one only indexes names, and each `api(named:)`
/// reads that API's line of the compact form (microseconds).
public final class Catalog: Sendable {
    /// Where the catalog came from, for messages: "bundled", a cache path, ...
    public let source: String
    /// Every API name, sorted case-insensitively.
    public let apiNames: [String]
    /// Verbs, sorted.
    public let verbs: [String]

    private let text: [UInt8]
    private let lineRanges: [Range<Int>]
    private let lineOfName: [String: Int]
    private let linesOfVerb: [String: [Int]]

    /// The catalog of CloudStack 4.18.0 that ships inside acsh (facts only, no descriptions).
    public static let bundled: Catalog = {
        let s = bundledText
        let bytes = [UInt8](UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
        do { return try Catalog(compact: bytes, source: "bundled") } catch {
            fatalError("bundled catalog: \(error); run scripts/gen-catalog")
        }
    }()

    /// A catalog from `listApis` JSON, either a dump (`{"api": [...]}`) or a
    /// server answer (`{"listapisresponse": {"api": [...]}}`). Keeps descriptions.
    public convenience init(listApisJSON json: [UInt8], source: String = "listApis response") throws {
        let apis = try ListApisJSON.decode(json, source: source)
        try self.init(apis: apis, source: source)
    }

    /// A catalog of the given APIs (tests, the simulator).
    public convenience init(apis: [API], source: String = "custom") throws {
        let text = CompactFormat.encode(apis, descriptions: true)
        try self.init(compact: Array(text.utf8), source: source)
    }

    /// Indexes the compact form (see CompactFormat); throws on a malformed text.
    init(compact text: [UInt8], source: String) throws {
        func fail(_ what: String) -> CatalogError { CatalogError(source: source, problem: what) }
        let header = Array(CompactFormat.header.utf8)
        guard text.count > header.count, Array(text[0..<header.count]) == header,
            text[header.count] == 0x0A
        else {
            throw fail("not an acsh catalog (no `\(CompactFormat.header)` header)")
        }
        var ranges: [Range<Int>] = []
        var names: [String] = []
        var lineOfName: [String: Int] = [:]
        var linesOfVerb: [String: [Int]] = [:]
        ranges.reserveCapacity(800)
        names.reserveCapacity(800)
        lineOfName.reserveCapacity(800)
        var verb = ""
        var verbLines: [Int] = []
        // Byte work only: String.lowercased() and Character scans cost more than the rest together.
        var lower = [UInt8](repeating: 0, count: 256)
        try text.withUnsafeBufferPointer { buf in
            var start = header.count + 1
            var lineNo = 2
            while start < buf.count {
                var end = start
                while end < buf.count, buf[end] != 0x0A { end += 1 }
                var tab = start
                var verbEnd = -1
                while tab < end, buf[tab] != 0x09 {
                    if verbEnd < 0, !(0x61...0x7A).contains(buf[tab]) { verbEnd = tab }
                    tab += 1
                }
                guard tab > start, tab < end, tab - start <= lower.count else {
                    throw fail("line \(lineNo) is not an API")
                }
                if verbEnd < 0 { verbEnd = tab }
                for i in start..<tab { lower[i - start] = buf[i] | (0x41...0x5A).contains(buf[i]).byte }
                let name = String(decoding: UnsafeBufferPointer(rebasing: buf[start..<tab]), as: UTF8.self)
                let lowerName = String(decoding: lower[0..<(tab - start)], as: UTF8.self)
                let line = ranges.count
                guard lineOfName.updateValue(line, forKey: lowerName) == nil else {
                    throw fail("API \(name) appears twice (line \(lineNo))")
                }
                // Sorted lines keep a verb's APIs together: make its String once per run.
                if !verb.utf8.elementsEqual(lower[0..<(verbEnd - start)]) {
                    if !verbLines.isEmpty { linesOfVerb[verb, default: []] += verbLines }
                    verb = String(decoding: lower[0..<(verbEnd - start)], as: UTF8.self)
                    verbLines = []
                }
                verbLines.append(line)
                ranges.append(start..<end)
                names.append(name)
                start = end + 1
                lineNo += 1
            }
        }
        if !verbLines.isEmpty { linesOfVerb[verb, default: []] += verbLines }
        guard !ranges.isEmpty else { throw fail("holds no APIs") }
        self.source = source
        self.text = text
        self.lineRanges = ranges
        self.apiNames = names
        self.lineOfName = lineOfName
        self.linesOfVerb = linesOfVerb
        self.verbs = linesOfVerb.keys.sorted()
    }

    public var count: Int { apiNames.count }

    /// The API with this name, ignoring case.
    public func api(named name: String) -> API? {
        guard let line = lineOfName[name] ?? lineOfName[name.lowercased()] else { return nil }
        return api(atLine: line)
    }

    /// Every API, parsed (a few milliseconds for the whole catalog).
    public var allAPIs: [API] { lineRanges.indices.map(api(atLine:)) }

    /// APIs whose verb is `verb` (exact, lowercase), sorted by name.
    public func apis(forVerb verb: String) -> [API] {
        (linesOfVerb[verb.lowercased()] ?? []).map(api(atLine:))
    }

    /// Names of the APIs whose verb is `verb`, sorted.
    public func apiNames(forVerb verb: String) -> [String] {
        (linesOfVerb[verb.lowercased()] ?? []).map { apiNames[$0] }
    }

    /// Nouns used with this verb, sorted (`list` -> [..., "virtualmachines", "zones"]).
    public func nouns(forVerb verb: String) -> [String] {
        (linesOfVerb[verb.lowercased()] ?? []).map { API.split(apiNames[$0]).noun }.sorted()
    }

    /// Every noun of the catalog, sorted.
    public var allNouns: [String] { Set(apiNames.map { API.split($0).noun }).sorted() }

    func apiName(verb: String, noun: String) -> String? {
        // The lowercased name is verb + noun; the verb check keeps `lis`+`tzones` out.
        guard let line = lineOfName[verb + noun] else { return nil }
        let name = apiNames[line]
        return API.split(name).verb == verb ? name : nil
    }

    private func api(atLine i: Int) -> API {
        text.withUnsafeBufferPointer { buf in
            CompactFormat.decode(line: UnsafeBufferPointer(rebasing: buf[lineRanges[i]]))
        }
    }

    /// The compact form, as a cache file holds it.
    var compactText: [UInt8] { text }
}

extension Bool {
    /// 0x20 for true: OR-ing it into an ASCII capital makes it lowercase.
    fileprivate var byte: UInt8 { self ? 0x20 : 0 }
}

/// A catalog that cannot be read: one line saying which file and what to do.
public struct CatalogError: Error, Sendable, CustomStringConvertible {
    public let source: String
    public let problem: String
    public var description: String { "catalog \(source): \(problem); run `acsh sync` again" }
}
