import Foundation
import TestSupport
import Testing
@testable import REPL

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

    /// Issue 16 point 6: a symlink planted where the history goes is never written through.
    @Test func aPlantedSymlinkIsNotFollowed() throws {
        let dir = try TemporaryDirectory()
        try dir.write("victim", "precious\n")
        #expect(symlink(dir.path + "/victim", dir.path + "/history") == 0)
        #expect(!HistoryStore(path: dir.path + "/history").append(["list zones"]))
        #expect(try dir.read("victim") == "precious\n")
    }

    @Test func defaultPathFollowsXDG() {
        #expect(HistoryStore.defaultPath(environment: ["XDG_STATE_HOME": "/s", "HOME": "/h"]) == "/s/acsh/history")
        #expect(HistoryStore.defaultPath(environment: ["HOME": "/h"]) == "/h/.local/state/acsh/history")
        #expect(
            HistoryStore.defaultPath(environment: ["XDG_STATE_HOME": "relative", "HOME": "/h"])
                == "/h/.local/state/acsh/history")
    }
}
