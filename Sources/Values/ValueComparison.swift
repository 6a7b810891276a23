import OrderedCollections

extension Value: Equatable {
    /// Structural equality; a number equals a string holding the same number,
    /// because CloudStack sends some numeric fields as strings.
    public static func == (a: Value, b: Value) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.number(let x), .number(let y)): return x == y
        case (.string(let x), .string(let y)): return x == y
        case (.number(let x), .string(let y)), (.string(let y), .number(let x)):
            guard let d = Double(y) else { return false }
            return x.double == d
        case (.list(let x), .list(let y)): return x == y
        case (.record(let x), .record(let y)):
            return x.count == y.count && x.allSatisfy { k, v in y[k] == v }
        case (.opaque(let x), .opaque(let y)): return x === y
        default: return false
        }
    }

    /// Ordering for `sort` and the comparison operators: numbers numerically
    /// (also when one side is a numeric string), strings by code points, nulls
    /// first. Nil when the two kinds cannot be ordered.
    public func compare(to other: Value) -> Int? {
        func cmp<T: Comparable>(_ x: T, _ y: T) -> Int { x < y ? -1 : (x == y ? 0 : 1) }
        switch (self.data, other.data) {
        case (.null, .null): return 0
        case (.null, _): return -1
        case (_, .null): return 1
        case (.number(let x), .number(let y)): return cmp(x, y)
        case (.number(let x), .string(let s)):
            return Double(s).map { cmp(x.double, $0) }
        case (.string(let s), .number(let y)):
            return Double(s).map { cmp($0, y.double) }
        case (.string(let x), .string(let y)): return cmp(x, y)
        case (.bool(let x), .bool(let y)): return cmp(x ? 1 : 0, y ? 1 : 0)
        case (.list(let x), .list(let y)):
            for (a, b) in zip(x, y) {
                guard let c = a.compare(to: b) else { return nil }
                if c != 0 { return c }
            }
            return cmp(x.count, y.count)
        default: return nil
        }
    }
}

extension Value: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByStringLiteral, ExpressibleByArrayLiteral,
    ExpressibleByDictionaryLiteral
{
    public init(nilLiteral: ()) { self = .null }
    public init(booleanLiteral b: Bool) { self = .bool(b) }
    public init(integerLiteral i: Int) { self = .int(i) }
    public init(floatLiteral d: Double) { self = .double(d) }
    public init(stringLiteral s: String) { self = .string(s) }
    public init(arrayLiteral items: Value...) { self = .list(items) }
    public init(dictionaryLiteral pairs: (String, Value)...) {
        self = .record(Record(pairs, uniquingKeysWith: { _, last in last }))
    }
}
