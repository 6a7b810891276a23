/// Numbers that come from outside (a user's option, a script, a server's answer, a
/// file) converted without trapping. Swift's `Int(someDouble)`, `Int32(someInt)`,
/// `a % b` and `a + b` trap on NaN, infinity, out-of-range values and overflow; every
/// conversion of a number acsh did not compute itself goes through here instead.
public enum Bounded {
    /// `d` rounded toward zero and clamped into `range`; nil for NaN.
    public static func int(_ d: Double, in range: ClosedRange<Int> = Int.min...Int.max) -> Int? {
        guard !d.isNaN else { return nil }
        if d <= Double(range.lowerBound) { return range.lowerBound }
        // Double(Int.max) rounds up to 2^63, which is not an Int: compare with >=.
        if d >= Double(range.upperBound) { return range.upperBound }
        return Int(d)
    }

    /// The longest wait a person can ask for (a timeout, a sleep, a job time): one year.
    public static let maxSeconds: Double = 31_536_000

    /// Seconds typed by a person (`--timeout 30`, `sleep 0.5`): a finite number from 0
    /// (above 0 when `positive`) to `maxSeconds`; nil for anything else (`inf`, `nan`, `1e300`, `-1`, `x`).
    public static func seconds(_ text: String, positive: Bool = true) -> Double? {
        Double(text).flatMap { seconds($0, positive: positive) }
    }

    /// The same check for a number already read (an option parsed by ArgumentParser).
    public static func seconds(_ d: Double, positive: Bool = true) -> Double? {
        guard d.isFinite, positive ? d > 0 : d >= 0, d <= maxSeconds else { return nil }
        return d
    }

    /// What `seconds` accepts, for error messages.
    public static func secondsRange(positive: Bool = true) -> String {
        "a number of seconds \(positive ? "above" : "from") 0 up to \(Int(maxSeconds)) (a year)"
    }

    /// `i` clamped into Int32 (C's `int`: `tm` fields, file modes).
    public static func int32(_ i: Int) -> Int32 {
        Int32(clamping: i)
    }

    /// Seconds given by a person or a server as a Duration: finite, not negative,
    /// at most `max`. Nil for NaN or a negative number; infinity is `max`.
    public static func duration(seconds: Double, max: Duration) -> Duration? {
        guard !seconds.isNaN, seconds >= 0 else { return nil }
        let cap = Double(max.components.seconds) * 1000 + Double(max.components.attoseconds) / 1e15
        return .milliseconds(int(Swift.min(seconds * 1000, cap), in: 0...Int.max) ?? 0)
    }

    /// `a + b`, `a - b`, `a * b`, `a / b`, `a % b` on integers; nil where Swift would trap
    /// (overflow, division by zero, `Int.min / -1`, `Int.min % -1`).
    public static func add(_ a: Int, _ b: Int) -> Int? { value(a.addingReportingOverflow(b)) }
    public static func subtract(_ a: Int, _ b: Int) -> Int? { value(a.subtractingReportingOverflow(b)) }
    public static func multiply(_ a: Int, _ b: Int) -> Int? { value(a.multipliedReportingOverflow(by: b)) }
    public static func divide(_ a: Int, _ b: Int) -> Int? { b == 0 ? nil : value(a.dividedReportingOverflow(by: b)) }
    public static func remainder(_ a: Int, _ b: Int) -> Int? {
        b == 0 ? nil : value(a.remainderReportingOverflow(dividingBy: b))
    }

    private static func value(_ r: (partialValue: Int, overflow: Bool)) -> Int? {
        r.overflow ? nil : r.partialValue
    }
}
