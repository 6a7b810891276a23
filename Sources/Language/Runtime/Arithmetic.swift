import FoundationEssentials
import Values

/// Number arithmetic keeping integers integral: `7 / 2` is 3.5, `6 / 2` is 3.
enum Arithmetic {
    static func apply(_ op: String, _ a: Number, _ b: Number) -> Value {
        if let x = Int(a.text), let y = Int(b.text) {
            // Numbers may come from a server: an overflow (`Int.min % -1` included) goes on as a double.
            switch op {
            case "+": if let r = Bounded.add(x, y) { return .int(r) }
            case "-": if let r = Bounded.subtract(x, y) { return .int(r) }
            case "*": if let r = Bounded.multiply(x, y) { return .int(r) }
            case "/": if Bounded.remainder(x, y) == 0, let r = Bounded.divide(x, y) { return .int(r) }
            case "%": if let r = Bounded.remainder(x, y) { return .int(r) }
            default: break
            }
        }
        let x = a.double, y = b.double
        switch op {
        case "+": return .double(x + y)
        case "-": return .double(x - y)
        case "*": return .double(x * y)
        case "/": return .double(x / y)
        default: return .double(x.truncatingRemainder(dividingBy: y))
        }
    }

    static func negate(_ n: Number) -> Value {
        if let i = Int(n.text), i != .min { return .int(-i) }
        return .double(-n.double)
    }
}

/// Compiled regular expressions by pattern, so `=~` in a loop compiles once.
final class RegexCache: @unchecked Sendable {
    private let lock = Lock()
    private var cache: [String: Regex<AnyRegexOutput>] = [:]

    /// Swift's own regular expressions, not NSRegularExpression (which links Foundation's ICU data).
    func regex(_ pattern: String, _ loc: SourceLocation) throws -> Regex<AnyRegexOutput> {
        if let r = lock.withLock({ cache[pattern] }) { return r }
        do {
            let r = try Regex(pattern)
            lock.withLock { cache[pattern] = r }
            return r
        } catch {
            throw ScriptError("invalid regular expression \"\(pattern)\"", at: loc)
        }
    }
}
