/// The one check of a profile's settings, used by `profile add` (and cmk import)
/// before saving and by every load: a profile that would be refused tomorrow
/// is refused today, not saved to lock the user out.
extension Profile {
    /// Seconds a profile may set for `timeout` and `signature_lifetime`: one second to a year.
    public static let secondsRange = 1...31_536_000

    /// The first setting that is wrong and why; nil when the profile is usable.
    public var problem: (setting: String, message: String)? {
        if url.isEmpty { return ("url", "profile '\(name)' has no url") }
        let range = "a whole number of seconds from \(Self.secondsRange.lowerBound) to \(Self.secondsRange.upperBound)"
        if let timeout, !Self.secondsRange.contains(timeout) {
            return ("timeout", "profile '\(name)': timeout must be \(range), not \(timeout)")
        }
        if !Self.secondsRange.contains(signatureLifetime) {
            return (
                "signature_lifetime", "profile '\(name)': signature_lifetime must be \(range), not \(signatureLifetime)"
            )
        }
        return nil
    }
}
