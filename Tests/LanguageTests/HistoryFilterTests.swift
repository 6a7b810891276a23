import Testing
@testable import Language

/// The secret filter shared by the REPL's history file and `history save`.
@Suite struct HistoryFilterTests {
    @Test(arguments: [
        "createUser username=a password=hunter2 email=x",
        "login username=admin password:secret",
        "login admin hunter2",
        "updateUser id=1 apikey=ABC",
        "profile add prod url=https://cloud apikey=AAA secretkey=BBB",
        "profile add prod https://cloud AAA BBB",
        "set secretkey BBB",
        "set apikey AAA",
        "pw = \"hunter2\"; password = pw",
        "changeUserPassword currentpassword=a password=b",
        "x = {secretkey: \"s\"}",
        "acsh --secret-key BBB",
        "SecretKey=BBB",
        "resetPasswordForVirtualMachine id=1\nupdateUser id=1 password=p",
        "deploy vm zone:Sandbox-1 userdata=I2Nsb3VkLWNvbmZpZwpwYXNzd29yZDogaHVudGVyMg==",
        "updateVirtualMachine id=1 userdata:$data",
        "registerSSHKeyPair name=k privatekey=x",
    ])
    func secretsAreNeverWritten(_ line: String) {
        #expect(!HistoryFilter.allows(line), "\(line)")
    }

    @Test(arguments: [
        "list zones",
        "deploy vm zone:Sandbox-1 template:3 serviceoffering:1 name:web-1",
        "list users | select username apikey",
        "registerUserKeys id=1 | select apikey secretkey",
        "resetPasswordForVirtualMachine id=1",
        "set output json",
        "use prod",
        "list sshkeypairs",
    ])
    func ordinaryLinesAreKept(_ line: String) {
        #expect(HistoryFilter.allows(line))
    }

    @Test func blankLinesAreNotKept() {
        #expect(!HistoryFilter.allows("   "))
    }
}
