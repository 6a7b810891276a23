import Crypto
import FoundationEssentials
import Values
import OrderedCollections

/// Two-factor login (CloudStack 4.18): a user turns it on with setupUserTwoFactorAuthentication
/// (provider `totp`, an authenticator app's RFC 6238 codes, or `staticpin`); from then on a
/// login session may call nothing but validateUserTwoFactorAuthenticationCode until the code is
/// checked (anything else is 511 and ends the session). API-key calls are not affected.
/// The secret lives in the `user2fa` table, never in a user record that listUsers shows.
enum TwoFactorAPIs {
    static let providers = ["totp", "staticpin"]
    static let validate = "validateUserTwoFactorAuthenticationCode"

    static let handlers: [Handler] = [
        Handler("setupUserTwoFactorAuthentication", setup),
        Handler(validate, entry: .authenticator, check),
    ]

    static func setup(_ c: Call) throws(APIError) -> Reply {
        let userID = c.optional("userid") ?? c.caller.userID
        guard let user = c.store.table("user").get(userID) else {
            throw APIError.notFound("user", id: userID, param: "userid")
        }
        if userID != c.caller.userID {
            try c.checkAccess(
                accountID: user["accountid"] ?? "", domainID: user["domainid"] ?? "", what: "user \(userID)")
        }
        var r: Record = [
            "id": .string(userID), "username": user.fields["username"] ?? .string(""),
            "accountid": user.fields["accountid"] ?? .string(""),
        ]
        if try !c.bool("enable", default: true) {
            c.store.table("user2fa").remove(userID)
            c.store.table("user").update(userID) {
                $0.fields["is2faenabled"] = .bool(false); $0.fields["providerfor2fa"] = nil
            }
            return .object(["setup2fa": .record(r)])
        }
        guard let provider = c.optional("provider")?.lowercased() else {
            throw APIError.missing("provider", command: c.command)
        }
        guard providers.contains(provider) else {
            throw APIError.invalid(
                "provider",
                "'\(provider)' is not a two factor authentication provider (\(providers.joined(separator: ", ")))")
        }
        let secret = provider == "totp" ? TOTP.newSecret() : TOTP.newPin()
        c.store.table("user2fa").remove(userID)
        c.store.insert("user2fa", ["provider": .string(provider), "secret": .string(secret)], id: userID)
        c.store.table("user").update(userID) {
            $0.fields["is2faenabled"] = .bool(true)
            $0.fields["providerfor2fa"] = .string(provider)
        }
        r["secretcode"] = .string(secret)
        return .object(["setup2fa": .record(r)])
    }

    /// Checks the code of a login session waiting for it; a wrong code ends the session (511).
    static func check(_ c: Call) throws(APIError) -> Reply {
        guard let jsession = c.request.cookies["JSESSIONID"], c.server.auth.sessions[jsession] != nil else {
            throw APIError(405, "This is an authentication api, cannot be used directly")
        }
        let code = try c.required("codefor2fa")
        guard let saved = c.store.table("user2fa").get(c.caller.userID), let secret = saved["secret"] else {
            throw APIError(511, "two factor authentication is not set up for user \(c.caller.username)")
        }
        let ok =
            saved["provider"] == "staticpin"
            ? Authenticator.sameBytes(code, secret) : TOTP.accepts(code, secret: secret, at: c.now)
        guard ok else {
            c.server.auth.sessions[jsession] = nil
            throw APIError(511, "failed to authenticate user, check if two factor authentication code is correct")
        }
        c.server.auth.sessions[jsession]?.verified2FA = true
        return .object(["success": .bool(true)])
    }

    /// The 511 a session gets for calling anything before its code was checked (the session ends).
    static let notVerified = APIError(
        511,
        "Unable to process the API request due to :Two factor authentication 2FA is enabled "
            + "but not verified, please verify 2FA using validateUserTwoFactorAuthenticationCode API before calling other APIs. "
            + "Existing session is invalidated.")
}

/// RFC 6238 time-based one-time passwords (HMAC-SHA1, 30-second steps, 6 digits), as
/// authenticator apps make them from a base32 secret.
enum TOTP {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)

    static func newSecret() -> String {
        var rng = SystemRandomNumberGenerator()
        return String(decoding: (0..<32).map { _ in alphabet[Int(rng.next() & 31)] }, as: UTF8.self)
    }

    static func newPin() -> String {
        var rng = SystemRandomNumberGenerator()
        return String((0..<6).map { _ in Character(String(rng.next() % 10)) })
    }

    static func decodeBase32(_ text: String) -> [UInt8]? {
        var bits = 0, value = 0, out: [UInt8] = []
        for c in text.uppercased().utf8 where c != UInt8(ascii: "=") && c != UInt8(ascii: " ") {
            guard let v = alphabet.firstIndex(of: c) else { return nil }
            value = (value << 5 | v) & 0xFFFF
            bits += 5
            if bits >= 8 { out.append(UInt8(value >> (bits - 8) & 0xFF)); bits -= 8 }
        }
        return out
    }

    /// The code for the 30-second step `counter` (RFC 4226 truncation).
    static func code(key: [UInt8], counter: UInt64) -> String {
        let message = withUnsafeBytes(of: counter.bigEndian) { Array($0) }
        let mac = Array(HMAC<Insecure.SHA1>.authenticationCode(for: message, using: SymmetricKey(data: key)))
        let offset = Int(mac[mac.count - 1] & 0x0F)
        let n =
            (UInt32(mac[offset] & 0x7F) << 24 | UInt32(mac[offset + 1]) << 16 | UInt32(mac[offset + 2]) << 8
                | UInt32(mac[offset + 3])) % 1_000_000
        let digits = String(n)
        return String(repeating: "0", count: 6 - digits.count) + digits
    }

    /// One step either side is accepted, for clocks a little apart.
    static func accepts(_ code: String, secret: String, at date: Date) -> Bool {
        guard let key = decodeBase32(secret), code.utf8.count == 6 else { return false }
        let step = Int64(date.timeIntervalSince1970 / 30)
        return (step - 1...step + 1).contains { s in
            s >= 0 && Authenticator.sameBytes(Self.code(key: key, counter: UInt64(s)), code)
        }
    }
}
