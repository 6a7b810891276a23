import Crypto
import FoundationEssentials
import Values
import _CryptoExtras
import OrderedCollections

/// SSH key pairs: create (a real RSA key; the private key is shown once), register
/// an OpenSSH public key, list, delete. Fingerprints are MD5 of the key blob, as the server computes them.
/// The public key itself is kept (deploy copies it to the VM to encrypt its password) but never shown.
enum KeyPairAPIs {
    static let handlers: [Handler] = [
        // Generating a 2048-bit key takes long enough to stall every other request: it runs outside the lock.
        Handler(
            "createSSHKeyPair",
            prepare: { () throws(APIError) -> any Sendable in
                do { return try _RSA.Signing.PrivateKey(keySize: .bits2048) } catch {
                    throw APIError.internalError("Could not generate a key pair: \(error)")
                }
            }
        ) { c throws(APIError) in
            let name = try c.required("name")
            let owner = try owner(c)
            try ensureFree(name, owner, c)
            guard let key = c.prepared as? _RSA.Signing.PrivateKey else {
                throw APIError.internalError("no key was generated")
            }
            guard let blob = SSHKeyFormat.sshBlob(pkcs1: Array(key.publicKey.pkcs1DERRepresentation)) else {
                throw APIError.internalError("Could not encode the generated public key")
            }
            let e = insert(name, blob: blob, publicKey: "ssh-rsa " + Data(blob).base64EncodedString(), owner: owner, c)
            var f = e.fields
            f["privatekey"] = .string(key.pemRepresentation + "\n")
            return .object(["keypair": .record(f)])
        },
        Handler("registerSSHKeyPair") { c throws(APIError) in
            let name = try c.required("name")
            let text = try c.required("publickey")
            let parts = text.split(separator: " ")
            guard parts.count >= 2, parts[0].hasPrefix("ssh-") || parts[0].hasPrefix("ecdsa-"),
                let blob = Data(base64Encoded: String(parts[1]))
            else {
                throw APIError.invalid("publickey", "Public key is invalid")
            }
            let owner = try owner(c)
            try ensureFree(name, owner, c)
            let e = insert(name, blob: Array(blob), publicKey: parts.joined(separator: " "), owner: owner, c)
            return .object(["keypair": .record(e.fields)])
        },
        Handler("listSSHKeyPairs") { c throws(APIError) in try c.listEntities(noun, owned: true) },
        Handler("deleteSSHKeyPair") { c throws(APIError) in
            let name = try c.required("name")
            let owner = try owner(c)
            guard let e = named([name], owner: owner, c.store).first else {
                throw APIError.invalid(
                    "name",
                    "A key pair with name '\(name)' does not exist for account \(owner["account"]?.plainText ?? c.caller.account) in specified domain id"
                )
            }
            remove(e.id, c.store)
            return .object(["success": .bool(true)])
        },
    ]

    /// Whose key pairs a call means: the project's (`projectid`), else the caller's or, for an
    /// admin, `account` in `domainid`. Key pair names are unique per owner, not globally.
    static func owner(_ c: Call) throws(APIError) -> Record {
        guard c.optional("projectid") != nil else { return try c.ownerFields() }
        let p = try ProjectAPIs.project(c, "projectid", admin: false)
        return Store.projectOwnerFields(p)
    }

    /// The key pairs of `owner` with these names (fewer when some do not exist).
    static func named(_ names: [String], owner: Record, _ store: Store) -> [Entity] {
        let wanted = Set(names)
        return store.table(noun).rows.filter { e in
            guard let name = e["name"], wanted.contains(name) else { return false }
            if let project = owner["projectid"] { return e.fields["projectid"] == project }
            return e["projectid"] == nil && e.fields["account"] == owner["account"]
                && e.fields["domainid"] == owner["domainid"]
        }
    }

    /// The key pairs a VM of `owner` (a project's VMs carry the project key) may be given.
    static func named(_ names: [String], for owner: Caller, projectID: String?, _ store: Store) -> [Entity] {
        let record: Record =
            if let projectID { ["projectid": .string(projectID)] } else {
                ["account": .string(owner.account), "domainid": .string(owner.domainID)]
            }
        return named(names, owner: record, store)
    }

    static let noun = "sshkeypair"
    /// Each key pair's OpenSSH public key by the key pair's id, apart so that no answer shows it
    /// (the server keeps it as ssh_keypairs.public_key; SSHKeyPairResponse has no such field).
    static let publicKeyNoun = "sshpublickey"

    static func remove(_ id: String, _ store: Store) {
        store.table(noun).remove(id)
        store.table(publicKeyNoun).remove(id)
    }

    /// The public keys of the named key pairs of a VM's owner, one a line in the order named, as deploy
    /// and resetSSHKeyForVirtualMachine copy them to the VM; nil when there are none.
    static func publicKeys(_ names: [String], for owner: Caller, projectID: String?, _ store: Store) -> String? {
        let pairs = named(names, for: owner, projectID: projectID, store)
        let keys = names.compactMap { name in
            pairs.first { $0["name"] == name }.flatMap { store.table(publicKeyNoun).get($0.id)?["publickey"] }
        }
        return keys.isEmpty ? nil : keys.joined(separator: "\n")
    }

    /// The names given by `keypair` and `keypairs` (4.17+ takes several), in order, once each.
    static func requestedNames(_ c: Call) -> [String] {
        var names: [String] = []
        for n in [c.optional("keypair")].compactMap({ $0 }) + (c.list("keypairs") ?? [])
        where !n.isEmpty && !names.contains(n) {
            names.append(n)
        }
        return names
    }

    /// Checks that a VM's owner has every named key pair, with the server's 4.18 wording (its "keyparis" typo included).
    static func check(_ names: [String], owner: Caller, projectID: String?, required: Bool, _ store: Store)
        throws(APIError)
    {
        if names.isEmpty {
            if required { throw APIError.refused("'keypair' or 'keyparis' must be specified") }
            return
        }
        guard named(names, for: owner, projectID: projectID, store).count == names.count else {
            throw APIError.refused("Not all specified keyparis exist")
        }
    }

    static func ensureFree(_ name: String, _ owner: Record, _ c: Call) throws(APIError) {
        if !named([name], owner: owner, c.store).isEmpty {
            throw APIError.invalid("name", "A key pair with name '\(name)' already exists.")
        }
    }

    static func insert(_ name: String, blob: [UInt8], publicKey: String, owner: Record, _ c: Call) -> Entity {
        var f: Record = ["name": .string(name)]
        f.merge(owner, uniquingKeysWith: { $1 })
        f["fingerprint"] = .string(
            Insecure.MD5.hash(data: blob).map { b in
                let h = String(b, radix: 16)
                return h.count == 1 ? "0" + h : h
            }.joined(separator: ":"))
        let e = c.store.insert(noun, f)
        c.store.table(publicKeyNoun).insert(Entity(id: e.id, fields: ["publickey": .string(publicKey)]))
        return e
    }
}
