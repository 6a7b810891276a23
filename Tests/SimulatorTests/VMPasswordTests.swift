import FoundationEssentials
import Simulator
import TestSupport
import Testing
import Values
import _CryptoExtras

/// getVMPassword: a password-enabled template's VM with a key pair keeps its password encrypted with the
/// key pair's public key (RSA, PKCS#1 v1.5, base64); the tests decrypt it with the private key.
@Suite struct VMPasswordTests {
    /// The password in `encrypted` (getVMPassword's base64), decrypted with a createSSHKeyPair private key.
    static func decrypt(_ encrypted: String?, with privateKeyPEM: String?) throws -> String {
        let text = try #require(encrypted), pem = try #require(privateKeyPEM)
        let bytes = try #require(Data(base64Encoded: text))
        let key = try _RSA.Encryption.PrivateKey(pemRepresentation: pem)
        return String(decoding: try key.decrypt(bytes, padding: ._WEAK_AND_INSECURE_PKCS_V1_5), as: UTF8.self)
    }

    static func encryptedPassword(_ c: TestClient, _ vm: String) async throws -> String? {
        let r = try await c.get("getVMPassword", [("id", vm)])
        #expect(r.status == 200, "\(r.body)")
        return r.json["getvmpasswordresponse.password.encryptedpassword"]?.text
    }

    @Test func deployAndResetKeepThePasswordEncryptedWithTheKeyPair() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let made = try await c.get("createSSHKeyPair", [("name", "mine")]).inner
            let privateKey = made["keypair.privatekey"]?.text
            let vm = try await c.deploy([("keypair", "mine")])
            let id = try #require(vm["jobresult.virtualmachine.id"]?.text)
            let password = try #require(vm["jobresult.virtualmachine.password"]?.text)
            let first = try await Self.encryptedPassword(c, id)
            #expect(try Self.decrypt(first, with: privateKey) == password)
            // Only the owner (and admins) may ask.
            #expect(try await c.signed().get("getVMPassword", [("id", id)]).status == 531)

            // A reset encrypts the new password; the VM keeps its copy of the public key after the key pair goes.
            #expect(try await c.get("deleteSSHKeyPair", [("name", "mine")]).inner["success"]?.bool == true)
            _ = try await c.job("stopVirtualMachine", [("id", id)])
            let reset = try await c.job("resetPasswordForVirtualMachine", [("id", id)])
            let newPassword = try #require(reset["jobresult.virtualmachine.password"]?.text)
            #expect(newPassword != password)
            let second = try await Self.encryptedPassword(c, id)
            #expect(second != first)
            #expect(try Self.decrypt(second, with: privateKey) == newPassword)
            // Shown once: the VM lists without it.
            let listed = try await c.get("listVirtualMachines", [("id", id)]).inner
            #expect(listed["virtualmachine.0.password"] == nil)
        }
    }

    @Test func aNewKeyPairDropsTheEncryptedPasswordUntilAReset() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            _ = try await c.get("createSSHKeyPair", [("name", "old")])
            let second = try await c.get("createSSHKeyPair", [("name", "new")]).inner["keypair.privatekey"]?.text
            let vm = try #require(try await c.deploy([("keypair", "old")])["jobresult.virtualmachine.id"]?.text)

            // A password reset needs the VM stopped, as on the server; the job fails with its words.
            let running = try await c.job("resetPasswordForVirtualMachine", [("id", vm)])
            #expect(running["jobstatus"]?.number?.int == 2)
            #expect(running["jobresult.errortext"]?.text?.hasSuffix("should be stopped to do password reset") == true)

            // A new key pair drops the encrypted password and makes no new one.
            _ = try await c.job("stopVirtualMachine", [("id", vm)])
            let reset = try await c.job("resetSSHKeyForVirtualMachine", [("id", vm), ("keypair", "new")])
            #expect(reset["jobstatus"]?.number?.int == 1)
            #expect(reset["jobresult.virtualmachine.password"] == nil)
            let dropped = try await c.get("getVMPassword", [("id", vm)])
            #expect(dropped.status == 431)
            #expect(dropped.inner["errortext"]?.text?.hasSuffix("To get a new password, it must be reseted.") == true)
            // The next reset encrypts for the new key.
            let again = try await c.job("resetPasswordForVirtualMachine", [("id", vm)])
            let password = try #require(again["jobresult.virtualmachine.password"]?.text)
            #expect(try Self.decrypt(try await Self.encryptedPassword(c, vm), with: second) == password)

            // A template without passwords: no password, so none to get.
            let rocky = try await c.value(
                "listTemplates", [("templatefilter", "featured"), ("name", "Rocky Linux 9")], "template.0.id")
            var params = try await c.deployParameters().filter { $0.0 != "templateid" }
            params += [("templateid", rocky), ("keypair", "old")]
            let plain = try await c.job("deployVirtualMachine", params)
            let plainID = try #require(plain["jobresult.virtualmachine.id"]?.text)
            #expect(plain["jobresult.virtualmachine.password"] == nil)
            let none = try await c.get("getVMPassword", [("id", plainID)])
            #expect(none.status == 431)
            #expect(none.inner["errortext"]?.text?.hasPrefix("No password found for VM with id [") == true)
        }
    }

    @Test func onlyRSAKeysEncryptAndABrokenOneFailsTheDeploy() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            // A registered RSA key (OpenSSH form made here from the key's numbers) encrypts as a created one.
            let rsa = try _RSA.Signing.PrivateKey(keySize: .bits2048)
            let numbers = try rsa.publicKey.getKeyPrimitives()
            let blob =
                Self.sshString(Array("ssh-rsa".utf8)) + Self.sshString(Self.mpint(numbers.publicExponent))
                + Self.sshString(Self.mpint(numbers.modulus))
            let text = "ssh-rsa " + Data(blob).base64EncodedString() + " me@example"
            _ = try await c.get("registerSSHKeyPair", [("name", "reg"), ("publickey", text)])
            let vm = try await c.deploy([("keypair", "reg")])
            let id = try #require(vm["jobresult.virtualmachine.id"]?.text)
            let encrypted = try #require(try await Self.encryptedPassword(c, id))
            #expect(
                try Self.decrypt(encrypted, with: rsa.pemRepresentation)
                    == vm["jobresult.virtualmachine.password"]?.text)

            // Not RSA: the server only warns, so the VM runs with no encrypted password.
            let ed25519 =
                "ssh-ed25519 "
                + Data(Self.sshString(Array("ssh-ed25519".utf8)) + Self.sshString([UInt8](repeating: 7, count: 32)))
                .base64EncodedString()
            _ = try await c.get("registerSSHKeyPair", [("name", "ed"), ("publickey", ed25519)])
            let edVM = try #require(try await c.deploy([("keypair", "ed")])["jobresult.virtualmachine.id"]?.text)
            #expect(try await c.get("getVMPassword", [("id", edVM)]).status == 431)

            // An "ssh-rsa" key whose blob is no RSA key cannot encrypt: the deploy job fails as the server's does.
            _ = try await c.get("registerSSHKeyPair", [("name", "bad"), ("publickey", "ssh-rsa AAAAB3NzaC1yc2EAAAAD")])
            let failed = try await c.deploy([("keypair", "bad")])
            #expect(failed["jobstatus"]?.number?.int == 2)
            #expect(failed["jobresult.errorcode"]?.number?.int == 530)
            #expect(failed["jobresult.errortext"]?.text == "Error encrypting password")
        }
    }

    @Test func keyPairsAndEncryptedPasswordsOutliveARestart() async throws {
        let path = try StateFileTests.stateFile()
        let (vm, password, privateKey) = try await withSimulator(StateFileTests.options(path)) { sim async throws in
            let c = TestClient(sim)
            let privateKey = try await c.get("createSSHKeyPair", [("name", "kept")]).inner["keypair.privatekey"]?.text
            let deployed = try await c.deploy([("keypair", "kept")])
            return (
                try #require(deployed["jobresult.virtualmachine.id"]?.text),
                deployed["jobresult.virtualmachine.password"]?.text, privateKey
            )
        }
        try await withSimulator(StateFileTests.options(path)) { sim async throws in
            let c = TestClient(sim)
            #expect(try Self.decrypt(try await Self.encryptedPassword(c, vm), with: privateKey) == password)
            // The key pair's public key was kept too: a new VM with it gets a password encrypted for it.
            let again = try await c.deploy([("keypair", "kept")])
            let id = try #require(again["jobresult.virtualmachine.id"]?.text)
            let encrypted = try await Self.encryptedPassword(c, id)
            #expect(try Self.decrypt(encrypted, with: privateKey) == again["jobresult.virtualmachine.password"]?.text)
        }
    }

    @Test func aVMWithoutAnEncryptedPasswordSaysSo() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let vm = try #require(try await c.deploy()["jobresult.virtualmachine.id"]?.text)
            let r = try await c.get("getVMPassword", [("id", vm)])
            #expect(r.status == 431)
            #expect(r.inner["errortext"]?.text?.hasPrefix("No password found for VM with id [") == true)
            // Someone else's VM is not theirs to ask about.
            #expect(try await c.signed().get("getVMPassword", [("id", vm)]).status == 531)
        }
    }

    /// An SSH wire string: a 4-byte big-endian length, then the bytes.
    static func sshString(_ bytes: [UInt8]) -> [UInt8] {
        let n = UInt32(bytes.count)
        return [UInt8(n >> 24), UInt8(n >> 16 & 255), UInt8(n >> 8 & 255), UInt8(n & 255)] + bytes
    }

    /// An SSH mpint of an unsigned big-endian number: no leading zeros but one before a high bit.
    static func mpint(_ number: Data) -> [UInt8] {
        let digits = Array(number.drop { $0 == 0 })
        return digits.first.map { $0 & 0x80 != 0 } == true ? [0] + digits : digits
    }
}
