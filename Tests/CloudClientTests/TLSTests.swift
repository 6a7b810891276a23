import Foundation
import Testing
import HummingbirdCore
import HummingbirdTLS
import NIOSSL
import TestSupport
@testable import CloudClient

/// A self-signed certificate for 127.0.0.1, made by the openssl command in a temp dir (Spawn waits on a
/// thread of its own: a blocking wait would hold one of the few threads of the concurrency pool that the
/// test servers run on).
private func selfSigned() async throws -> (cert: String, key: String) {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("acsh-tls-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let cert = dir.appendingPathComponent("cert.pem").path, key = dir.appendingPathComponent("key.pem").path
    let status = try await Spawn.run(
        "/usr/bin/env",
        [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert,
            "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
        ],
        environment: ProcessInfo.processInfo.environment, directory: dir.path, stdout: "/dev/null",
        stderr: "/dev/null", stdin: nil)
    guard status == 0 else { throw CocoaError(.fileWriteUnknown) }
    return (cert, key)
}

@Suite struct TLSTests {
    @Test func selfSignedCertificateIsRefusedUnlessVerificationIsOff() async throws {
        let (certPath, keyPath) = try await selfSigned()
        let tls = TLSConfiguration.makeServerConfiguration(
            certificateChain: try NIOSSLCertificate.fromPEMFile(certPath).map { .certificate($0) },
            privateKey: .privateKey(try NIOSSLPrivateKey(file: keyPath, format: .pem)))
        let server = try await TestServer(server: try .tls(.http1(), tlsConfiguration: tls), scheme: "https") { _, _ in
            .json(#"{"listzonesresponse":{"count":0}}"#)
        }
        var o = testOptions(server)
        let e = await cloudError { _ = try await withClient(o) { try await $0.request("listZones") } }
        let err = try #require(e)
        guard case .transport(.tls, _, _) = err.kind else {
            Issue.record("kind \(err.kind): \(err.message)"); await server.stop(); return
        }
        #expect(err.message.contains("certificate not trusted") && err.message.contains("verify_tls=false"))
        #expect(err.exitCode == 3)
        #expect(server.seen.isEmpty)

        o.verifyTLS = false
        let r = try await withClient(o) { try await $0.request("listZones") }
        #expect(r[field: "count"]?.plainText == "0")
        #expect(server.seen.count == 1)
        await server.stop()
    }
}
