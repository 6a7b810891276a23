import Foundation
import Testing
@testable import REPL

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

@Suite struct HistoryStoreTests {
    @Test func createdWithMode0600InItsOwnDirectory() throws {
        let dir = try TemporaryDirectory()
        let store = HistoryStore(path: dir.path + "/state/acsh/history")
        #expect(store.append(["list zones"]))
        let attrs = try FileManager.default.attributesOfItem(atPath: store.path)
        #expect((attrs[.posixPermissions] as? Int) == 0o600)
        let dirAttrs = try FileManager.default.attributesOfItem(atPath: dir.path + "/state/acsh")
        #expect((dirAttrs[.posixPermissions] as? Int) == 0o700)
    }

    @Test func aLooserExistingFileIsTightened() throws {
        let dir = try TemporaryDirectory()
        try dir.write("history", "old\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: dir.path + "/history")
        let store = HistoryStore(path: dir.path + "/history")
        store.append(["list zones"])
        let attrs = try FileManager.default.attributesOfItem(atPath: store.path)
        #expect((attrs[.posixPermissions] as? Int) == 0o600)
    }

    @Test func keptAcrossSessions() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path + "/history"
        HistoryStore(path: path).append(["list zones"])
        HistoryStore(path: path).append(["for z in list zones {", "  print $z.name", "}"])
        #expect(HistoryStore(path: path).load() == ["list zones", "for z in list zones {", "  print $z.name", "}"])
    }

    @Test func compactedToItsLimit() throws {
        let dir = try TemporaryDirectory()
        let store = HistoryStore(path: dir.path + "/history", limit: 10)
        for i in 0..<400 { store.append(["list zones name=zone-number-\(i)"]) }
        let entries = store.load()
        #expect(entries.count == 10)
        #expect(entries.last == "list zones name=zone-number-399")
        let text = try dir.read("history")
        #expect(text.split(separator: "\n").count < 400)
    }

    @Test func defaultPathFollowsXDG() {
        #expect(HistoryStore.defaultPath(environment: ["XDG_STATE_HOME": "/s", "HOME": "/h"]) == "/s/acsh/history")
        #expect(HistoryStore.defaultPath(environment: ["HOME": "/h"]) == "/h/.local/state/acsh/history")
        #expect(HistoryStore.defaultPath(environment: ["XDG_STATE_HOME": "relative", "HOME": "/h"]) == "/h/.local/state/acsh/history")
    }
}
