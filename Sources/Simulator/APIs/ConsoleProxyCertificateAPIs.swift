import OrderedCollections
import Values
import X509

/// uploadCustomCertificate (root admin): the SSL certificate the console proxies (and the secondary
/// storage VMs' downloads) serve, for a domain suffix. With its private key it is the server certificate:
/// the pair must match (the server then reboots the running storage VMs, which here are back at once);
/// without one it is a CA or intermediate certificate of the chain, kept under its name at position `id`.
/// The key is never kept here.
enum ConsoleProxyCertificateAPIs {
    static let table = "customcertificate"

    static let handlers: [Handler] = [
        Handler("uploadCustomCertificate", async: true) { c throws(APIError) in
            let pem = try c.required("certificate"), suffix = try c.required("domainsuffix")
            let key = c.optional("privatekey"), alias = c.optional("name")
            let position = try c.int("id", in: 1...100)
            return .job(
                JobSpec(
                    cmd: "org.apache.cloudstack.api.command.admin.resource.UploadCustomCertificateCmd",
                    instanceType: nil, instanceID: nil, immediateID: nil
                ) { store, _ in
                    let (certificate, _) = try SSLCertAPIs.read(pem)
                    var f: Record = ["certificate": .string(pem), "domainsuffix": .string(suffix)]
                    if let key {
                        let publicKey = try? SSLCertAPIs.publicKey(ofPrivateKey: key)
                        guard let publicKey, certificate.publicKey == publicKey else {
                            throw APIError.refused("Failed to pass certificate validation check")
                        }
                        store.table(table).put(Entity(id: "CPVMCertificate", fields: f))
                    } else {
                        guard let alias, !alias.isEmpty else {
                            throw APIError.refused(
                                "A name (alias) is required for a certificate uploaded without its private key")
                        }
                        if let position { f["id"] = .int(position) }
                        store.table(table).put(Entity(id: alias, fields: f))
                    }
                    return [
                        "customcertificate": .record([
                            "message": .string(
                                "Certificate has been successfully updated, if its the server certificate we would "
                                    + "reboot all running console proxy VMs and secondary storage VMs to propagate the "
                                    + "new certificate, please give a few minutes for console access and storage "
                                    + "services service to be up and working again")
                        ])
                    ]
                })
        }
    ]
}
