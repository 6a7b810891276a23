import Testing
@testable import Contracts

/// The one secrets policy: which names hide their values, in every spelling the
/// API, the config file and flags use.
@Suite struct SecretPolicyTests {
    @Test(arguments: [
        // credentials and what carries them
        "apikey", "apiKey", "api_key", "api-key", "userapikey", "accesskey",
        "secretkey", "secret_key", "--secret-key", "usersecretkey", "secret",
        "password", "currentpassword", "newpassword", "vsmpassword", "dockerregistrypassword", "encryptedpassword",
        "passwd", "bindpass", "truststorepass",
        "signature", "sessionkey", "JSESSIONID", "token", "zonetoken",
        "privatekey", "presharedkey", "secretcode",
        // cloud-init user data routinely holds passwords and keys
        "userdata", "UserData",
    ])
    func secretNames(_ name: String) {
        #expect(SecretPolicy.isSecret(name), "\(name)")
        #expect(SecretPolicy.shown(name, "v4lue") == SecretPolicy.marker)
    }

    @Test(arguments: [
        "name", "id", "keyword", "key", "keypair", "publickey", "sortkey",
        "passwordenabled", "sshkeyenabled", "update_passwd_on_host",
        "userdataid", "userdataname", "userdatapolicy", "userdatadetails",
        "privateip", "privateport", "certificate", "displaytext",
    ])
    func ordinaryNames(_ name: String) {
        #expect(!SecretPolicy.isSecret(name), "\(name)")
        #expect(SecretPolicy.shown(name, "v4lue") == "v4lue")
    }
}
