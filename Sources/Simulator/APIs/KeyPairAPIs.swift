import Crypto
import FoundationEssentials
import Values
import _CryptoExtras
import OrderedCollections

/// SSH key pairs: create (a real RSA key; the private key is shown once), register
/// an OpenSSH public key, list, delete. Fingerprints are MD5 of the key blob, as the server computes them.
enum KeyPairAPIs {
    static let handlers: [Handler] = [
        // Generating a 2048-bit key takes long enough to stall every other request: it runs outside the lock.
        Handler("createSSHKeyPair", prepare: { () throws(APIError) -> any Sendable in
            do { return try _RSA.Signing.PrivateKey(keySize: .bits2048) } catch {
                throw APIError.internalError("Could not generate a key pair: \(error)")
            }
        }) { c throws(APIError) in
            let name = try c.required("name")
            try ensureFree(name, c)
            guard let key = c.prepared as? _RSA.Signing.PrivateKey else { throw APIError.internalError("no key was generated") }
            guard let blob = sshBlob(pkcs1: Array(key.publicKey.pkcs1DERRepresentation)) else {
                throw APIError.internalError("Could not encode the generated public key")
            }
            let e = try insert(name, blob: blob, c)
            var f = e.fields
            f["privatekey"] = .string(key.pemRepresentation + "\n")
            return .object(["keypair": .record(f)])
        },
        Handler("registerSSHKeyPair") { c throws(APIError) in
            let name = try c.required("name")
            let text = try c.required("publickey")
            let parts = text.split(separator: " ")
            guard parts.count >= 2, parts[0].hasPrefix("ssh-") || parts[0].hasPrefix("ecdsa-"),
                  let blob = Data(base64Encoded: String(parts[1])) else {
                throw APIError.invalid("publickey", "Public key is invalid")
            }
            try ensureFree(name, c)
            return .object(["keypair": .record(try insert(name, blob: Array(blob), c).fields)])
        },
        Handler("listSSHKeyPairs") { c throws(APIError) in try c.listEntities("sshkeypair", owned: true) },
        Handler("deleteSSHKeyPair") { c throws(APIError) in
            let name = try c.required("name")
            guard let e = c.store.table("sshkeypair").first(where: {
                $0["name"] == name && c.ownedByCaller(account: $0["account"], domainID: $0["domainid"])
            }) else {
                throw APIError.invalid("name", "A key pair with name '\(name)' does not exist for account \(c.caller.account) in specified domain id")
            }
            c.store.table("sshkeypair").remove(e.id)
            return .object(["success": .bool(true)])
        },
    ]

    static func ensureFree(_ name: String, _ c: Call) throws(APIError) {
        if c.store.table("sshkeypair").first(where: {
            $0["name"] == name && c.ownedByCaller(account: $0["account"], domainID: $0["domainid"])
        }) != nil {
            throw APIError.invalid("name", "A key pair with name '\(name)' already exists.")
        }
    }

    static func insert(_ name: String, blob: [UInt8], _ c: Call) throws(APIError) -> Entity {
        var f: Record = ["name": .string(name)]
        f.merge(try c.ownerFields(), uniquingKeysWith: { $1 })
        f["fingerprint"] = .string(Insecure.MD5.hash(data: blob).map { b in
            let h = String(b, radix: 16)
            return h.count == 1 ? "0" + h : h
        }.joined(separator: ":"))
        return c.store.insert("sshkeypair", f)
    }

    /// OpenSSH `ssh-rsa` wire blob from a PKCS#1 RSAPublicKey (SEQUENCE { INTEGER n, INTEGER e }).
    static func sshBlob(pkcs1 der: [UInt8]) -> [UInt8]? {
        var i = 0
        func length() -> Int? {
            guard i < der.count else { return nil }
            let first = Int(der[i]); i += 1
            if first < 0x80 { return first }
            var n = 0
            for _ in 0..<(first & 0x7F) { guard i < der.count else { return nil }; n = n << 8 | Int(der[i]); i += 1 }
            return n
        }
        func integer() -> [UInt8]? {
            guard i < der.count, der[i] == 0x02 else { return nil }
            i += 1
            guard let n = length(), i + n <= der.count else { return nil }
            defer { i += n }
            return Array(der[i..<i + n])
        }
        guard der.first == 0x30 else { return nil }
        i = 1
        guard length() != nil, let n = integer(), let e = integer() else { return nil }
        func string(_ b: [UInt8]) -> [UInt8] {
            let c = UInt32(b.count)
            return [UInt8(c >> 24), UInt8(c >> 16 & 255), UInt8(c >> 8 & 255), UInt8(c & 255)] + b
        }
        return string(Array("ssh-rsa".utf8)) + string(e) + string(n)
    }
}
