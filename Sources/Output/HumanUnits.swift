/// Sizes as people read them: 1024-based, one decimal under 10 ("1.5 GiB", "20 GiB").
/// Tables use it for volume sizes and capacity; scripts have `human(n)`.
public enum HumanUnits {
    static let byteUnits = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"]

    public static func bytes(_ n: Double) -> String { scaled(n, base: 1024, units: byteUnits) }

    /// CPU capacity comes in MHz.
    public static func megahertz(_ n: Double) -> String { scaled(n, base: 1000, units: ["MHz", "GHz", "THz"]) }

    static func scaled(_ n: Double, base: Double, units: [String]) -> String {
        var v = n, i = 0
        while abs(v) >= base && i < units.count - 1 { v /= base; i += 1 }
        if i == 0 { return "\(Int(v.rounded())) \(units[0])" }
        let rounded = (v * 10).rounded() / 10
        let text = abs(rounded) < 10 && rounded != rounded.rounded() ? String(rounded) : String(Int(rounded.rounded()))
        return "\(text) \(units[i])"
    }

    /// How many bytes "1.5 GiB", "20GB", "512 MiB" or "300" stand for (`bytes(s)` in scripts);
    /// nil when the text is not a size. KB/MB/GB count 1024 as CloudStack's UI does.
    public static func parseBytes(_ text: String) -> Double? {
        let t = text.drop { $0 == " " }
        let digits = t.prefix { $0.isNumber || $0 == "." || $0 == "-" }
        guard let n = Double(digits) else { return nil }
        let unit = t.dropFirst(digits.count).filter { $0 != " " }.lowercased()
        let powers = [
            "": 0, "b": 0, "k": 1, "kb": 1, "kib": 1, "m": 2, "mb": 2, "mib": 2, "g": 3, "gb": 3, "gib": 3,
            "t": 4, "tb": 4, "tib": 4, "p": 5, "pb": 5, "pib": 5,
        ]
        guard let p = powers[unit] else { return nil }
        var v = n
        for _ in 0..<p { v *= 1024 }
        return v
    }
}
