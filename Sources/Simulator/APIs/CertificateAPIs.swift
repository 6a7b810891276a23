import Crypto
import FoundationEssentials
import OrderedCollections
import Values
import _CryptoExtras

/// The root CA plugin (root admin): the cloud's own certificate authority, made on first use (an RSA
/// 2048 key and a self-signed certificate for CN=ca.cloudstack.apache.org, kept with the cloud's state
/// and never shown), the certificates it issues (SHA256withRSA, for a PEM request or for domains and
/// IP addresses with a key made for them), and revocation by serial number.
enum CertificateAPIs {
    static let caTable = "rootca"
    static let crlTable = "crl"
    static let caName = "ca.cloudstack.apache.org"
    /// ca.plugin.root.issuer.validity.days and the CA's own validity.
    static let leafDays = 365, caDays = 3650

    /// Key generation is slow: done outside the lock (two keys: the CA's, should it not exist yet, and
    /// the one an issued certificate without a request needs).
    static let keys: @Sendable () throws(APIError) -> any Sendable = { () throws(APIError) -> any Sendable in
        do {
            return [try _RSA.Signing.PrivateKey(keySize: .bits2048), try _RSA.Signing.PrivateKey(keySize: .bits2048)]
        } catch {
            throw APIError.internalError("Could not generate a key pair: \(error)")
        }
    }

    static let handlers: [Handler] = [
        Handler("listCaCertificate", prepare: keys) { c throws(APIError) in
            try provider(c)
            let ca = try authority(c.store, c.prepared as? [_RSA.Signing.PrivateKey] ?? [], now: c.now)
            return .object(["cacertificates": .record(["certificate": .string(ca["certificate"] ?? "")])])
        },
        // The checks run in the job, as IssueCertificateCmd.execute makes them.
        Handler("issueCertificate", async: true, prepare: keys) { c throws(APIError) in
            try provider(c)
            let domains = c.list("domain") ?? [], ips = c.list("ipaddress") ?? []
            let csr = c.optional("csr"), now = c.now
            let days = try c.int("duration", in: 1...36500) ?? leafDays
            let keys = c.prepared as? [_RSA.Signing.PrivateKey] ?? []
            return .job(
                JobSpec(
                    cmd: "org.apache.cloudstack.api.command.admin.ca.IssueCertificateCmd", instanceType: nil,
                    instanceID: nil, immediateID: nil
                ) { store, _ in
                    guard csr?.isEmpty == false || !domains.isEmpty || !ips.isEmpty else {
                        throw APIError.refused("Please provide the domains or the CSR, none of them are provided")
                    }
                    let ca = try authority(store, keys, now: now)
                    guard let caKey = try? _RSA.Signing.PrivateKey(pemRepresentation: ca["privatekey"] ?? ""),
                        let fresh = keys.last
                    else { throw APIError.internalError("The root CA's key could not be read") }
                    let subject: [UInt8], spki: [UInt8]
                    var answer: Record = [:]
                    if let csr, !csr.isEmpty {
                        (subject, spki) = try request(csr)
                    } else {
                        subject = name(domains.first ?? ips[0])
                        spki = Array(fresh.publicKey.derRepresentation)
                        answer["privatekey"] = .string(fresh.pkcs8PEMRepresentation)
                    }
                    let der = try certificate(
                        subject: subject, spki: spki, days: days, now: now, authority: false, dns: domains, ips: ips,
                        key: caKey)
                    answer["certificate"] = .string(DER.pem(der, "CERTIFICATE"))
                    answer["cacertificates"] = .string(ca["certificate"] ?? "")
                    return ["certificates": .record(answer)]
                })
        },
        // The agent makes a key store and a request, the CA signs it, the agent installs the result: an
        // agent that is not connected cannot, and the job fails as CAManagerImpl fails it.
        Handler("provisionCertificate", async: true, prepare: keys) { c throws(APIError) in
            try provider(c)
            let host = try c.entity("host", "hostid", what: "host")
            let keys = c.prepared as? [_RSA.Signing.PrivateKey] ?? [], now = c.now
            return .job(
                JobSpec(
                    cmd: "org.apache.cloudstack.api.command.admin.ca.ProvisionCertificateCmd", instanceType: "Host",
                    instanceID: host.id, immediateID: nil
                ) { store, _ in
                    let h = try store.jobEntity("host", host.id)
                    guard h["state"] == "Up" else {
                        throw APIError.internalError(
                            "Failed to generate keystore and get CSR from the host/agent id=\(h.seq)")
                    }
                    // The CA (made on first use) signs the agent's request; the certificate stays on the host.
                    _ = try authority(store, keys, now: now)
                    return ["success": .bool(true)]
                })
        },
        Handler("revokeCertificate", async: true) { c throws(APIError) in
            try provider(c)
            let serial = try c.required("serial").lowercased()
            guard !serial.isEmpty, serial.allSatisfy(\.isHexDigit) else {
                throw APIError.refused("Invalid certificate serial number: \(serial)")
            }
            let cn = c.optional("cn")
            return .job(
                JobSpec(
                    cmd: "org.apache.cloudstack.api.command.admin.ca.RevokeCertificateCmd", instanceType: nil,
                    instanceID: nil, immediateID: nil
                ) { store, _ in
                    var f: Record = ["serial": .string(serial)]
                    if let cn { f["cn"] = .string(cn) }
                    store.table(crlTable).put(Entity(id: serial, fields: f))
                    return ["success": .bool(true)]
                })
        },
    ]

    /// Only the root CA provider is there (listCAProviders).
    static func provider(_ c: Call) throws(APIError) {
        if let p = c.optional("provider"), p.lowercased() != "root" {
            throw APIError.refused("Failed to find CA provider plugin with name: \(p)")
        }
    }

    /// The cloud's CA, made with the first prepared key on first use.
    static func authority(_ store: Store, _ keys: [_RSA.Signing.PrivateKey], now: Date) throws(APIError) -> Entity {
        if let ca = store.table(caTable).get("root") { return ca }
        guard let key = keys.first else { throw APIError.internalError("no key was generated") }
        let der = try certificate(
            subject: name(caName), spki: Array(key.publicKey.derRepresentation), days: caDays, now: now,
            authority: true, dns: [], ips: [], key: key)
        let ca = Entity(
            id: "root",
            fields: ["certificate": .string(DER.pem(der, "CERTIFICATE")), "privatekey": .string(key.pemRepresentation)])
        store.table(caTable).put(ca)
        return ca
    }

    /// An X.509 Name holding one common name.
    static func name(_ cn: String) -> [UInt8] {
        DER.sequence([DER.set([DER.sequence([DER.oid([2, 5, 4, 3]), DER.utf8(cn)])])])
    }

    /// A v3 certificate issued by the CA (the CA's own when `authority`), signed SHA256withRSA by `key`.
    static func certificate(
        subject: [UInt8], spki: [UInt8], days: Int, now: Date, authority: Bool, dns: [String], ips: [String],
        key: _RSA.Signing.PrivateKey
    ) throws(APIError) -> [UInt8] {
        let algorithm = DER.sequence([DER.oid([1, 2, 840, 113_549, 1, 1, 11]), DER.null])
        var serial = [UInt8](repeating: 0, count: 8)
        var rng = SystemRandomNumberGenerator()
        for i in serial.indices { serial[i] = UInt8.random(in: 0...255, using: &rng) }
        serial[0] &= 0x7f
        var extensions: [[UInt8]]
        if authority {
            extensions = [
                DER.sequence([DER.oid([2, 5, 29, 19]), DER.true, DER.octets(DER.sequence([DER.true]))]),
                // keyCertSign and cRLSign.
                DER.sequence([DER.oid([2, 5, 29, 15]), DER.true, DER.octets(DER.tlv(0x03, [0x01, 0x06]))]),
            ]
        } else {
            let names =
                dns.map { DER.tlv(0x82, Array($0.utf8)) }
                + ips.compactMap { ip in
                    IPv4.parse(ip).map { v in DER.tlv(0x87, [24, 16, 8, 0].map { UInt8(v >> $0 & 0xff) }) }
                }
            extensions =
                names.isEmpty ? [] : [DER.sequence([DER.oid([2, 5, 29, 17]), DER.octets(DER.sequence(names))])]
        }
        var tbs = [
            DER.explicit(0, DER.integer([2])), DER.integer(serial), algorithm, name(caName),
            DER.sequence([DER.time(now), DER.time(now.addingTimeInterval(Double(days) * 86400))]), subject, spki,
        ]
        if !extensions.isEmpty { tbs.append(DER.explicit(3, DER.sequence(extensions))) }
        let body = DER.sequence(tbs)
        do {
            let signature = try key.signature(for: Data(body), padding: .insecurePKCS1v1_5)
            return DER.sequence([body, algorithm, DER.bits(Array(signature.rawRepresentation))])
        } catch {
            throw APIError.internalError("Failed to sign the certificate: \(error)")
        }
    }

    /// The subject and public key of a PEM certificate signing request (PKCS#10).
    static func request(_ pem: String) throws(APIError) -> ([UInt8], [UInt8]) {
        let bad = APIError.refused("Failed to parse the provided CSR: it is not a PEM certificate request")
        guard let b = pem.firstRange(of: "-----BEGIN CERTIFICATE REQUEST-----"),
            let e = pem[b.upperBound...].firstRange(of: "-----END CERTIFICATE REQUEST-----"),
            let data = Data(base64Encoded: String(pem[b.upperBound..<e.lowerBound].filter { !$0.isWhitespace }))
        else { throw bad }
        let der = Array(data)
        guard let top = DER.children(der[...]), let info = top.first, let parts = DER.children(info), parts.count >= 3
        else { throw bad }
        return (Array(parts[1]), Array(parts[2]))
    }
}
