/// A JSON number kept as the text it arrived as, so `1000000` never turns into `1e+06`.
public struct Number: Sendable, CustomStringConvertible {
    public let text: String

    /// `text` must already be a valid JSON number (the parser and the lexer check it).
    public init(text: String) { self.text = text }

    public init(_ i: Int) { text = String(i) }

    /// Integral doubles print without a fraction or exponent as long as they are exact.
    public init(_ d: Double) {
        if d.isFinite, d == d.rounded(), abs(d) < 9.0e15 {
            text = String(Int(d))
        } else {
            text = String(d)
        }
    }

    public var double: Double { Double(text) ?? .nan }

    /// The value as an Int when it is integral.
    public var int: Int? {
        if let i = Int(text) { return i }
        let d = double
        return d.isFinite && d == d.rounded() && abs(d) < 9.0e18 ? Int(d) : nil
    }

    public var description: String { text }
}

extension Number: Equatable, Hashable, Comparable {
    public static func == (a: Number, b: Number) -> Bool {
        if a.text == b.text { return true }
        if let x = Int(a.text), let y = Int(b.text) { return x == y }
        return a.double == b.double
    }
    public func hash(into h: inout Hasher) {
        if let i = int { h.combine(i) } else { h.combine(double) }
    }
    public static func < (a: Number, b: Number) -> Bool {
        if let x = Int(a.text), let y = Int(b.text) { return x < y }
        return a.double < b.double
    }
}
