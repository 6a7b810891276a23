import Crypto
import _CryptoExtras
import FoundationEssentials
import OrderedCollections
import SwiftASN1
import Values
import X509

/// SSL certificates for load balancers, as CertServiceImpl keeps them: the certificate must be PEM and
/// its public key the private key's (the key is checked, never stored or shown). Binding one to a rule
/// needs a provider with SSL termination; the virtual router has none, so the server refuses it.
enum SSLCertAPIs {
    static let table = "sslcert"

    static let handlers: [Handler] = [
        Handler("uploadSslCert") { c throws(APIError) in
            let name = try c.required("name")
            let (certificate, der) = try read(try c.required("certificate"))
            let key = try SSLCertAPIs.publicKey(ofPrivateKey: try c.required("privatekey"))
            guard certificate.publicKey == key else { throw APIError.refused("Bad public-private key") }
            if let chain = c.optional("certchain") { _ = try read(chain) }
            var f: Record = [
                "name": .string(name), "certificate": .string(try c.required("certificate")),
                "fingerprint": .string(fingerprint(der)), "loadbalancerrulelist": .list([]),
            ]
            if let chain = c.optional("certchain") { f["certchain"] = .string(chain) }
            if let project = try VolumeTransferAPIs.projectOwner(c) {
                f.merge(project, uniquingKeysWith: { $1 })
            } else {
                f.merge(try c.ownerFields(), uniquingKeysWith: { $1 })
            }
            if c.store.table(table).first(where: {
                $0["name"] == name && $0["account"] == f["account"]?.plainText
                    && $0["projectid"] == f["projectid"]?.plainText
            }) != nil {
                throw APIError.refused("A certificate named \(name) already exists for this owner")
            }
            return .object(["sslcert": .record(c.store.insert(table, f).fields)])
        },
        Handler("listSslCerts") { c throws(APIError) in
            let certID = c.optional("certid"), accountID = c.optional("accountid")
            let ruleID = c.optional("lbruleid"), projectID = c.optional("projectid")
            guard certID != nil || accountID != nil || ruleID != nil || projectID != nil else {
                throw APIError.refused(
                    "Invalid parameters either certificate ID or Account ID or Loadbalancer ID or Project ID required")
            }
            var rows = c.store.table(table).rows
            if let certID { rows = rows.filter { $0.id == certID } }
            if let ruleID {
                rows = rows.filter {
                    $0.fields["loadbalancerrulelist"]?.list?.contains { $0.plainText == ruleID } ?? false
                }
            }
            if let projectID {
                _ = try ProjectAPIs.project(c, "projectid", admin: false)
                rows = rows.filter { $0["projectid"] == projectID }
            }
            if let accountID {
                guard let a = c.store.table("account").get(accountID) else {
                    throw CatalogCheck.noEntity("accountid", accountID, command: c.command)
                }
                try c.checkAccess(accountID: a.id, domainID: a["domainid"] ?? "", what: "account \(a["name"] ?? "")")
                rows = rows.filter {
                    $0["account"] == a["name"] && $0["domainid"] == a["domainid"] && $0["projectid"] == nil
                }
            }
            rows = rows.filter { r in
                if let p = r["projectid"] {
                    return c.store.table(Store.projectNoun).get(p).map { ProjectAPIs.visible(c, $0) } ?? false
                }
                return (try? c.checkAccess(account: r["account"], domainID: r["domainid"], what: "")) != nil
            }
            return .list(noun: "sslcert", items: rows.map { .record($0.fields) }, total: rows.count)
        },
        Handler("deleteSslCert") { c throws(APIError) in
            let id = try c.required("id")
            guard let cert = c.store.table(table).get(id) else {
                throw APIError.refused("Invalid certificate id: \(id)")
            }
            try c.checkAccess(account: cert["account"], domainID: cert["domainid"], what: "certificate \(id)")
            if !(cert.fields["loadbalancerrulelist"]?.list?.isEmpty ?? true) {
                throw APIError.internalError("Certificate in use by a loadbalancer(s)")
            }
            c.store.table(table).remove(id)
            return .object(["success": .bool(true)])
        },
        Handler("assignCertToLoadBalancer", async: true) { c throws(APIError) in
            let rule = try LoadBalancerAPIs.ownRule(c, param: "lbruleid", includingInternal: false) {
                .refused("Invalid load balancer id: \($0)")
            }
            let certID = try c.required("certid")
            guard let cert = c.store.table(table).get(certID) else {
                throw APIError.refused("Invalid certificate id: \(certID)")
            }
            if cert["account"] != rule["account"] || cert["domainid"] != rule["domainid"] {
                throw APIError.refused(
                    "Access denied for account \(c.store.table("account").first { $0["name"] == cert["account"] }?.seq ?? 0)"
                )
            }
            throw APIError.refused("Ssl termination not supported by the loadbalancer")
        },
        Handler("removeCertFromLoadBalancer", async: true) { c throws(APIError) in
            let rule = try LoadBalancerAPIs.ownRule(c, param: "lbruleid", includingInternal: false) {
                .refused("Invalid load balancer id: \($0)")
            }
            throw APIError.internalError("No certificate is bound to lb with id: \(rule.seq)")
        },
    ]

    /// The DER bytes of the first PEM CERTIFICATE block.
    /// The first certificate of a PEM text, read as X.509, with its DER (for the fingerprint); anything else
    /// is refused in the server's words.
    static func read(_ pem: String) throws(APIError) -> (Certificate, [UInt8]) {
        let refusal = APIError.refused(
            "Parsing certificate/key failed: Invalid certificate format. Expected X509 certificate")
        guard let first = try? PEMDocument.parseMultiple(pemString: pem).first, first.discriminator == "CERTIFICATE",
            let certificate = try? Certificate(derEncoded: first.derBytes)
        else { throw refusal }
        return (certificate, first.derBytes)
    }

    /// The public key of an RSA or EC (P-256/P-384) private key in PEM.
    static func publicKey(ofPrivateKey pem: String) throws(APIError) -> Certificate.PublicKey {
        if let k = try? _RSA.Signing.PrivateKey(pemRepresentation: pem) { return Certificate.PrivateKey(k).publicKey }
        if let k = try? P256.Signing.PrivateKey(pemRepresentation: pem) { return Certificate.PrivateKey(k).publicKey }
        if let k = try? P384.Signing.PrivateKey(pemRepresentation: pem) { return Certificate.PrivateKey(k).publicKey }
        throw APIError.refused(
            "Parsing certificate/key failed: Invalid private key format. Expected a PEM RSA or EC private key")
    }

    /// SHA-1 of the certificate, as upper-case hex pairs joined by colons.
    static func fingerprint(_ der: [UInt8]) -> String {
        Insecure.SHA1.hash(data: der).map { byte in
            let hex = String(byte, radix: 16, uppercase: true)
            return hex.count == 1 ? "0" + hex : hex
        }.joined(separator: ":")
    }
}
