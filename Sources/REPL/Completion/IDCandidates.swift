import FoundationEssentials
import Values

/// Ids from a list API's records, shown as `id  name` and inserting the id.
enum IDCandidates {
    /// Fields tried, in order, for the human-readable side of an id.
    static let labelFields = ["name", "displayname", "username", "ipaddress", "displaytext", "description", "keyword"]
    static let maximum = 500

    static func make(_ records: [Value], typed: String) -> [Candidate] {
        var out: [Candidate] = []
        var seen = Set<String>()  // a cross-zone template is listed once per zone: offer it once
        for record in records {
            guard let id = record[field: "id"]?.plainText, !id.isEmpty, seen.insert(id).inserted else { continue }
            let label = labelFields.lazy.compactMap { record[field: $0]?.plainText }.first { !$0.isEmpty } ?? ""
            // The typed text may be the start of the id or of its name (`zoneid=Sand`).
            guard hasPrefix(id, typed) || hasPrefix(label, typed) else { continue }
            out.append(Candidate(insert: id, display: label.isEmpty ? id : id + "  " + label))
            if out.count == maximum { break }
        }
        return out
    }
}

extension IDCandidates {
    /// For a friendly `zone:` argument: the name to insert (quoted when it has spaces), so the
    /// line stays readable and resolves by name; the id where the name is not unique.
    static func byName(_ records: [Value], typed: String, quoteAll: Bool = false) -> [Candidate] {
        // A cross-zone template is listed once per zone: count and offer each id once.
        var idsByName: [String: Set<String>] = [:]
        for r in records {
            if let n = r[field: "name"]?.plainText, !n.isEmpty, let id = r[field: "id"]?.plainText {
                idsByName[n, default: []].insert(id)
            }
        }
        var out: [Candidate] = []
        var seen = Set<String>(), seenIDs = Set<String>()
        for record in records {
            guard let id = record[field: "id"]?.plainText, !id.isEmpty, seenIDs.insert(id).inserted else { continue }
            let name = record[field: "name"]?.plainText ?? ""
            guard hasPrefix(name, typed) || hasPrefix(id, typed) else { continue }
            if idsByName[name]?.count == 1, hasPrefix(name, typed) {
                guard seen.insert(name).inserted else { continue }
                let quoted =
                    quoteAll || name.contains(where: { $0 == " " || $0 == "\"" || $0 == "'" || $0 == "$" || $0 == "#" })
                    ? "\""
                        + name.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"")
                        .replacing("$", with: "\\$") + "\""
                    : name
                out.append(Candidate(insert: quoted, display: name + "  " + id))
            } else {
                out.append(Candidate(insert: id, display: id + (name.isEmpty ? "" : "  " + name)))
            }
            if out.count == maximum { break }
        }
        return out
    }
}

/// Walks `vm.nic[0]` from a variable: fields by name, list items by index.
enum ValuePath {
    static func resolve(_ path: String, variable: (String) -> Value?) -> Value? {
        var rest = Substring(path)
        let nameEnd = rest.firstIndex { $0 == "." || $0 == "[" } ?? rest.endIndex
        guard var value = variable(String(rest[..<nameEnd])) else { return nil }
        rest = rest[nameEnd...]
        while let c = rest.first {
            if c == "." {
                rest = rest.dropFirst()
                let end = rest.firstIndex { $0 == "." || $0 == "[" } ?? rest.endIndex
                guard let next = value[field: String(rest[..<end])] else { return nil }
                value = next
                rest = rest[end...]
            } else if c == "[" {
                guard let close = rest.firstIndex(of: "]"),
                    let i = Int(rest[rest.index(after: rest.startIndex)..<close]),
                    let next = value.data[index: i]
                else { return nil }
                value = next
                rest = rest[rest.index(after: close)...]
            } else {
                return nil
            }
        }
        return value
    }
}
