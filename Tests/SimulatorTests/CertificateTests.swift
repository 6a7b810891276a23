import FoundationEssentials
import Simulator
import TestSupport
import Testing
import Values

/// The root CA plugin's APIs: listCaCertificate, issueCertificate, revokeCertificate.
@Suite struct CertificateTests {
    /// The DER bytes of a PEM block.
    func der(_ pem: String) throws -> [UInt8] {
        let body = pem.split(separator: "\n").filter { !$0.hasPrefix("-----") }.joined()
        return Array(try #require(Data(base64Encoded: body)))
    }

    @Test func theCloudsCAIssuesCertificatesForNamesAndRequests() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let ca = try await c.value("listCaCertificate", [], "cacertificates.certificate")
            #expect(ca.hasPrefix("-----BEGIN CERTIFICATE-----\n"))
            let caDER = try der(ca)
            #expect(caDER.first == 0x30)
            #expect(String(decoding: caDER, as: UTF8.self).contains("ca.cloudstack.apache.org"))
            // One CA for the cloud: the same certificate every time, users may read it too.
            #expect(try await c.signed().value("listCaCertificate", [], "cacertificates.certificate") == ca)
            #expect(try await c.get("listCaCertificate", [("provider", "other")]).status == 431)

            let issued = try await c.job(
                "issueCertificate", [("domain", "web.example.org,www.example.org"), ("ipaddress", "192.0.2.10")])
            let cert = try #require(issued["jobresult.certificates.certificate"]?.text)
            let text = String(decoding: try der(cert), as: UTF8.self)
            #expect(text.contains("web.example.org") && text.contains("www.example.org"))
            #expect(issued["jobresult.certificates.privatekey"]?.text?.hasPrefix("-----BEGIN PRIVATE KEY-----") == true)
            #expect(issued["jobresult.certificates.cacertificates"]?.text == ca)
            // A request keeps its own key: the certificate carries its subject, no private key comes back.
            let fromRequest = try await c.job("issueCertificate", [("csr", Self.request)])
            let signed = try #require(fromRequest["jobresult.certificates.certificate"]?.text)
            #expect(String(decoding: try der(signed), as: UTF8.self).contains("csr.example.org"))
            #expect(fromRequest["jobresult.certificates.privatekey"] == nil)
            let garbled = try await c.job("issueCertificate", [("csr", "-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n")])
            #expect(garbled["jobresult.errorcode"]?.number?.int == 431)
            let none = try await c.job("issueCertificate")
            #expect(
                none["jobresult.errortext"]?.text == "Please provide the domains or the CSR, none of them are provided")
            #expect(try await c.signed().get("issueCertificate", [("domain", "x.example")]).status == 432)

            let revoked = try await c.job("revokeCertificate", [("serial", "1a2b3c")])
            #expect(revoked["jobresult.success"]?.bool == true)
            #expect(try await c.get("revokeCertificate", [("serial", "xyz")]).status == 431)
        }
    }

    @Test func theConsoleProxyTakesACertificateWhoseKeyMatches() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let one = try await c.job("issueCertificate", [("domain", "*.console.example.org")])
            let two = try await c.job("issueCertificate", [("domain", "other.example.org")])
            let cert = try #require(one["jobresult.certificates.certificate"]?.text)
            let key = try #require(one["jobresult.certificates.privatekey"]?.text)
            let otherKey = try #require(two["jobresult.certificates.privatekey"]?.text)
            let ok = try await c.job(
                "uploadCustomCertificate",
                [("certificate", cert), ("privatekey", key), ("domainsuffix", "console.example.org")])
            #expect(
                ok["jobresult.customcertificate.message"]?.text?.hasPrefix("Certificate has been successfully updated")
                    == true)
            let mismatch = try await c.job(
                "uploadCustomCertificate",
                [("certificate", cert), ("privatekey", otherKey), ("domainsuffix", "console.example.org")])
            #expect(mismatch["jobresult.errortext"]?.text == "Failed to pass certificate validation check")
            // A chain's CA certificate goes in by name and position, without a key.
            let ca = try #require(one["jobresult.certificates.cacertificates"]?.text)
            let chain = try await c.job(
                "uploadCustomCertificate",
                [("certificate", ca), ("name", "root"), ("id", "1"), ("domainsuffix", "console.example.org")])
            #expect(chain["jobstatus"]?.number?.int == 1)
            let unnamed = try await c.job("uploadCustomCertificate", [("certificate", ca), ("domainsuffix", "x.org")])
            #expect(unnamed["jobresult.errorcode"]?.number?.int == 431)
            #expect(
                !(try await c.get("queryAsyncJobResult", [("jobid", ok["jobid"]?.text ?? "")]).body.contains(
                    "PRIVATE KEY")))
        }
    }

    @Test func aConnectedHostsAgentGetsItsCertificate() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let host = try await c.value("listHosts", [("type", "Routing")], "host.0.id")
            let done = try await c.job("provisionCertificate", [("hostid", host), ("reconnect", "true")])
            #expect(done["jobresult.success"]?.bool == true)
            #expect(done["cmd"]?.text == "org.apache.cloudstack.api.command.admin.ca.ProvisionCertificateCmd")
            #expect(try await c.get("provisionCertificate", [("hostid", host), ("provider", "acme")]).status == 431)
            #expect(try await c.signed().get("provisionCertificate", [("hostid", host)]).status == 432)
        }
    }

    /// A certificate signing request for CN=csr.example.org (made with openssl req; its key is not kept).
    static let request =
        "-----BEGIN CERTIFICATE REQUEST-----\nMIICXzCCAUcCAQAwGjEYMBYGA1UEAwwPY3NyLmV4YW1wbGUub3JnMIIBIjANBgkq\nhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAo5Ir7RwZJcsjuXPPqCH9dQSQUCoX3fnL\nBMaOd3YN7wa3FjPV96aPLiUKagcEP/9j/ZC2zHRDbs3jRUqt73L55j2HPHCdYgtS\nZ/+Eeb3r2MGJBJJEwflrAnYV2kuz1kJ/Fz2IBebVFjDKa9lsFySJ56ZuIKEQ6TxG\nChTbC5GEi3K8gvlwYLSv+CNVsKGtWOdbJObZitDFT5Nb0luNBO89mvsikj0XJ2pI\nleNdIf/Do7JjkAVkQK64eBspt1bmWn8TtqdZaqu2vJddkqicmM8bWHPA5U38ha3W\nJunBOPIwEryAVbHMghYQWovgshba55O4de8uYJYMjU5h3m5Ni9n04wIDAQABoAAw\nDQYJKoZIhvcNAQELBQADggEBAD+lJrg75W+o0pnSf5CN8/MXM3YLajPppbHzi+vT\nVnVDdMIdF8A4TWCMnjyQKZsDD1Th4QBN2GJs4gKU1KKOm11oRYB8NrBQywlSLfHg\nVFSCVdQB34s3cKFAyOEGPlnOHDIK1JR/xhpQZJTiCKCdTSug6Mj6DlZNvCQNAvcD\nQatlXv+XiUrwR1FpTERwRwQfBBBQ4r2n53nWfShg7V9Z0nYdlJ5qMhrB2fb572V6\na/02EOxIGwecq/a9OlCoTtbz2ot4YDWcqWZ9CcHcalFes3KqZiQZWq6aAnYmiXR+\nfUPIEYK734rpKWpD1b9aXATTo2r/3dZI5NU9IMUliDn4oSI=\n-----END CERTIFICATE REQUEST-----\n"
}
