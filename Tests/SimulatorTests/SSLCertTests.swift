import Simulator
import TestSupport
import Testing
import Values

/// uploadSslCert, listSslCerts, deleteSslCert and binding certificates to load balancer rules.
@Suite struct SSLCertTests {
    // A throwaway self-signed P-256 pair made for this test (CN=sandbox.test), and a key of another pair.
    static let certificate = """
        -----BEGIN CERTIFICATE-----
        MIIBhTCCASugAwIBAgIUfEvvj/A+e4IW5n1sQqqwyKLzUOowCgYIKoZIzj0EAwIw
        FzEVMBMGA1UEAwwMc2FuZGJveC50ZXN0MCAXDTI2MTIwMTIzMjE0OFoYDzIxMjYx
        MTA3MjMyMTQ4WjAXMRUwEwYDVQQDDAxzYW5kYm94LnRlc3QwWTATBgcqhkjOPQIB
        BggqhkjOPQMBBwNCAAT20kjQ0Q7K0aJy/M6zji8ig63arLUxYibau7vfV2fpwOEi
        PkvRZPZYYE6EKZHkt6myoAvlBfUUi0uPDgFEDXcqo1MwUTAdBgNVHQ4EFgQUWtz4
        ngbeeRuSSLK2I/FI6F/MPCAwHwYDVR0jBBgwFoAUWtz4ngbeeRuSSLK2I/FI6F/M
        PCAwDwYDVR0TAQH/BAUwAwEB/zAKBggqhkjOPQQDAgNIADBFAiBtfZQrQVGmUO3t
        L3C5aOZRhS/ETg3KsPFMso0u9s6tcwIhAKU/Jg7YVa1fIlT7JT300hnhJf/sEFm8
        8lTVxPuO+nAs
        -----END CERTIFICATE-----
        """
    static let key = """
        -----BEGIN PRIVATE KEY-----
        MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgVyFItA+b6N2zx2Q5
        OZbtIF8wMjK6XPsFSFpks3qCRZChRANCAAT20kjQ0Q7K0aJy/M6zji8ig63arLUx
        Yibau7vfV2fpwOEiPkvRZPZYYE6EKZHkt6myoAvlBfUUi0uPDgFEDXcq
        -----END PRIVATE KEY-----
        """
    static let otherKey = """
        -----BEGIN PRIVATE KEY-----
        MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgbHfxW6r37IXncg2k
        1UDvsNNYooFS2ifV6skhMfIj166hRANCAATiYnHp3e103kb8kqx8c2HXRN93V/2B
        rWp8/oPSmFKyKhNMOJGtq6edOIoDh/G+YFDcWeCgUWSSDXbZfQVpV95+
        -----END PRIVATE KEY-----
        """

    @Test func aCertificateIsCheckedAgainstItsKeyAndNeverShowsIt() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let mismatched = try await c.post(
                "uploadSslCert", [("name", "web"), ("certificate", Self.certificate), ("privatekey", Self.otherKey)])
            #expect(mismatched.inner["errortext"]?.text == "Bad public-private key")
            let garbage = try await c.post(
                "uploadSslCert", [("name", "web"), ("certificate", "not a certificate"), ("privatekey", Self.key)])
            #expect(garbage.status == 431)

            let made = try await c.post(
                "uploadSslCert", [("name", "web"), ("certificate", Self.certificate), ("privatekey", Self.key)])
            let id = try #require(made.inner["sslcert.id"]?.text, "\(made.body)")
            #expect(made.inner["sslcert.fingerprint"]?.text?.count == 59)  // 20 bytes as XX:XX:...
            #expect(!made.body.contains("PRIVATE KEY"))
            #expect(try await c.get("listSslCerts").status == 431)
            let account = try await c.value("listAccounts", [("name", "admin")], "account.0.id")
            let listed = try await c.get("listSslCerts", [("accountid", account)]).inner
            #expect(listed["sslcert.0.name"]?.text == "web")
            #expect(listed["sslcert.0.certificate"]?.text == Self.certificate)

            // The virtual router terminates no SSL: the server refuses the binding.
            let (rule, _) = try await LBPolicyTests.rule(c)
            let bound = try await c.get("assignCertToLoadBalancer", [("lbruleid", rule), ("certid", id)])
            #expect(bound.inner["errortext"]?.text == "Ssl termination not supported by the loadbalancer")
            #expect(
                try await c.get("removeCertFromLoadBalancer", [("lbruleid", rule)]).inner["errortext"]?.text?.hasPrefix(
                    "No certificate is bound to lb") == true)

            #expect(try await c.get("deleteSslCert", [("id", id)]).inner["success"]?.bool == true)
            #expect(try await c.get("listSslCerts", [("certid", id)]).inner["count"] == nil)
        }
    }
}
