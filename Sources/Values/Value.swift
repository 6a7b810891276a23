import OrderedCollections

/// A record keeps its fields in the order the server (or the script) gave them.
public typealias Record = OrderedDictionary<String, Value>

/// Every value the language, the client and the output formatters exchange.
/// Structured like JSON, because that is what CloudStack speaks; numbers keep
/// their text so they print exactly as the server sent them.
public enum Value: Sendable {
    case null
    case bool(Bool)
    case number(Number)
    case string(String)
    case list([Value])
    case record(Record)
    /// Values that are not data: async jobs, functions. They print as `displayValue`.
    case opaque(any OpaqueValue)
}

/// A value with identity (a running job, a function) that still prints as data.
public protocol OpaqueValue: Sendable, AnyObject {
    var typeName: String { get }
    var displayValue: Value { get }
}

extension Value {
    public static func int(_ i: Int) -> Value { .number(Number(i)) }
    public static func double(_ d: Double) -> Value { .number(Number(d)) }

    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "bool"
        case .number: "number"
        case .string: "string"
        case .list: "list"
        case .record: "record"
        case .opaque(let o): o.typeName
        }
    }

    public var isNull: Bool { if case .null = self { true } else { false } }

    public var string: String? { if case .string(let s) = self { s } else { nil } }
    public var number: Number? { if case .number(let n) = self { n } else { nil } }
    public var list: [Value]? { if case .list(let l) = self { l } else { nil } }
    public var record: Record? { if case .record(let r) = self { r } else { nil } }
    public var bool: Bool? { if case .bool(let b) = self { b } else { nil } }

    /// Data view: opaque values replaced by what they print as.
    public var data: Value {
        if case .opaque(let o) = self { return o.displayValue }
        return self
    }

    /// Truth as `if` and `where` see it: null, false, 0, "" and empty collections are false.
    public var isTruthy: Bool {
        switch self {
        case .null: false
        case .bool(let b): b
        case .number(let n): n.double != 0
        case .string(let s): !s.isEmpty
        case .list(let l): !l.isEmpty
        case .record(let r): !r.isEmpty
        case .opaque: true
        }
    }

    /// Field of a record (nil when absent or not a record).
    public subscript(field name: String) -> Value? {
        switch self {
        case .record(let r): r[name]
        case .opaque(let o): o.displayValue[field: name]
        default: nil
        }
    }

    /// Item of a list; negative indexes count from the end.
    public subscript(index i: Int) -> Value? {
        guard case .list(let l) = self else { return nil }
        let j = i < 0 ? l.count + i : i
        // Spelled out: in a ternary, `nil` would become Value's nil literal (.null).
        guard l.indices.contains(j) else { return Optional.none }
        return l[j]
    }

    /// Text used for interpolation and for sending a value as an API parameter:
    /// strings as they are, numbers as sent, lists comma-joined, records as JSON.
    public var plainText: String {
        switch self {
        case .null: ""
        case .bool(let b): b ? "true" : "false"
        case .number(let n): n.text
        case .string(let s): s
        case .list(let l): l.map(\.plainText).joined(separator: ",")
        case .record: JSONWriter.compact(self)
        case .opaque(let o): o.displayValue.plainText
        }
    }
}
