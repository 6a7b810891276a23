/// The one answer to "may this value be shown?", for every module that prints,
/// logs or saves what a user or a server said: the client's trace, dry-run,
/// `explain`, history and saved scripts, `profile show` and the tour's call log.
/// A leaf module (it imports nothing) so that Profiles can use it without taking
/// the value model, and CloudClient and Language share it from below.
public enum SecretPolicy {
    /// What is shown in place of a secret. The angle brackets are encoded in
    /// any real query or form value (`%3C`), so the marker never passes for a value.
    public static let marker = "<redacted>"

    /// Names whose values are credentials or carry them, compared after
    /// `normalized` (so `secret_key`, `secret-key` and `secretKey` are one name).
    static let names: Set<String> = [
        "apikey", "userapikey", "accesskey", "signature", "sessionkey", "jsessionid",
        "privatekey", "presharedkey", "bindpass", "truststorepass",
        // A two-factor login code (validateUserTwoFactorAuthenticationCode).
        "codefor2fa",
        // Cloud-init user data routinely holds passwords and keys.
        "userdata",
    ]

    /// Parts that make any name secret (`newpassword`, `usersecretkey`, `mytoken`).
    static let parts = ["password", "passwd", "secret", "token"]

    /// Flags about a secret are not secrets (`passwordenabled=true`).
    static let flagSuffixes = ["enabled", "onhost"]

    /// Whether the value of a parameter, response field, config key or
    /// variable called `name` must be hidden.
    public static func isSecret(_ name: String) -> Bool {
        let n = normalized(name)
        if names.contains(n) { return true }
        guard parts.contains(where: { n.contains($0) }) else { return false }
        return !flagSuffixes.contains(where: { n.hasSuffix($0) })
    }

    /// `value`, or the marker when `name` is secret.
    public static func shown(_ name: String, _ value: String) -> String {
        isSecret(name) ? marker : value
    }

    /// Lowercased without `_` and `-`: the spellings of one name in the API, TOML and flags.
    static func normalized(_ name: String) -> String {
        String(name.lowercased().unicodeScalars.filter { $0 != "_" && $0 != "-" })
    }
}
