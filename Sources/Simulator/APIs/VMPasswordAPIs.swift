import FoundationEssentials
import OrderedCollections
import Values
import _CryptoExtras

/// VM passwords as UserVmManagerImpl keeps them: a password-enabled template's VM gets a new password at
/// deploy and resetPasswordForVirtualMachine (shown once, in that job's answer); when the VM has SSH key pairs,
/// the password is also kept encrypted with the first one's public key (RSA, PKCS#1 v1.5, base64:
/// RSAHelper.encryptWithSSHPublicKey), and getVMPassword answers that. resetSSHKeyForVirtualMachine drops it.
enum VMPasswordAPIs {
    static let handlers: [Handler] = [
        Handler("getVMPassword") { c throws(APIError) in
            let vm = try VirtualMachineAPIs.findBy(c, param: "id")
            guard let encrypted = vm.encryptedPassword, !encrypted.isEmpty else {
                throw APIError.refused(
                    "No password found for VM with id [\(vm.seq)]. When the VM's SSH keypair is changed, the current "
                        + "encrypted password is removed due to inconsistency in the encryption, as the new SSH keypair "
                        + "is different from which the password was encrypted. To get a new password, it must be reseted."
                )
            }
            return .object(["password": .record(["encryptedpassword": .string(encrypted)])])
        }
    ]

    static let encryptionFailed = APIError.internalError("Error encrypting password")

    /// `password` encrypted with the first of `publicKeys` (OpenSSH lines), base64. Nil when that key is not
    /// RSA: the server then only logs a warning and keeps no encrypted password. A key that does not read as
    /// RSA, or that the library refuses (under 1024 bits), fails as the server's encryption does.
    static func encrypt(_ password: String, publicKeys: String) throws(APIError) -> String? {
        guard publicKeys.hasPrefix("ssh-rsa") else { return nil }
        // The server reads the second space-separated field of the whole text: the first key's base64 blob.
        let fields = publicKeys.split(whereSeparator: { $0 == " " || $0.isNewline })
        guard fields.count >= 2, let blob = Data(base64Encoded: String(fields[1])),
            let der = SSHKeyFormat.pkcs1(sshRSABlob: Array(blob)),
            let key = try? _RSA.Encryption.PublicKey(unsafeDERRepresentation: der),
            let sealed = try? key.encrypt(Array(password.utf8), padding: ._WEAK_AND_INSECURE_PKCS_V1_5)
        else { throw encryptionFailed }
        return sealed.base64EncodedString()
    }
}

extension Store {
    /// Gives a VM of a password-enabled template a new password, shown in the job's answer only, and keeps
    /// it encrypted with the VM's public key when it has one (UserVmManagerImpl.encryptAndStorePassword).
    /// Nothing changes when the encryption fails.
    func newPassword(_ vmID: String) throws(APIError) {
        guard let vm = vms[id: vmID] else { return }
        let password = oneTimePassword()
        let encrypted = try vm.publicKeys.flatMap { keys throws(APIError) in
            try VMPasswordAPIs.encrypt(password, publicKeys: keys)
        }
        vms.update(vmID) {
            $0.password = password
            if let encrypted { $0.encryptedPassword = encrypted }
        }
    }
}
