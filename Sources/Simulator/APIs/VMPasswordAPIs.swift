import OrderedCollections
import Values

/// getVMPassword: the password a password-enabled template's VM got, encrypted with its SSH key pair's
/// public key. A VM without a key pair (or from a template without passwords) has none stored, and the
/// server says so. The encrypted answer itself needs RSA with PKCS#1 v1.5 padding, which the crypto
/// library here lacks: that case is refused with the words the server uses when encryption fails.
enum VMPasswordAPIs {
    static let handlers: [Handler] = [
        Handler("getVMPassword") { c throws(APIError) in
            let vm = try VirtualMachineAPIs.findBy(c, param: "id")
            let template = c.store.table("template").get(vm.templateID)
            guard vm.keypair != nil, template?["passwordenabled"] == "true" else {
                throw APIError.refused(
                    "No password found for VM with id [\(vm.seq)]. When the VM's SSH keypair is changed, the current "
                        + "encrypted password is removed due to inconsistency in the encryption, as the new SSH keypair "
                        + "is different from which the password was encrypted. To get a new password, it must be reseted."
                )
            }
            throw APIError.internalError("Error encrypting password")
        }
    ]
}
