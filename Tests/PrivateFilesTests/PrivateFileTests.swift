import Foundation
import Testing
import PrivateFiles
#if canImport(Glibc)
    import Glibc
#endif

/// Files written safely (issue 16 point 6): 0600 in 0700 folders, no planted
/// symlink followed, no temporary file left, rewrites taking turns under a lock.
@Suite struct PrivateFileTests {
    let dir: String

    init() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("acsh-pf-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    private func mode(_ path: String) throws -> Int {
        try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int ?? -1
    }

    private func read(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    @Test func replaceIsPrivateWholeAndLeavesNoTemporaryFile() throws {
        let path = dir + "/a/b/config.toml"
        try PrivateFile.replace(path, with: Array("one\n".utf8))
        try PrivateFile.replace(path, with: Array("two\n".utf8))
        #expect(try read(path) == "two\n")
        #expect(try mode(path) == 0o600)
        #expect(try mode(dir + "/a/b") == 0o700 && mode(dir + "/a") == 0o700)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/a/b") == ["config.toml"])
    }

    @Test func aPlantedSymlinkIsReplacedNotFollowed() throws {
        let victim = dir + "/victim"
        try "precious\n".write(toFile: victim, atomically: false, encoding: .utf8)
        let path = dir + "/history"
        #expect(symlink(victim, path) == 0)
        try PrivateFile.replace(path, with: Array("new\n".utf8))
        #expect(try read(victim) == "precious\n")
        #expect(try read(path) == "new\n")
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: path)) == nil)
    }

    @Test func writeAndAppendRefuseASymlink() throws {
        let victim = dir + "/victim"
        try "precious\n".write(toFile: victim, atomically: false, encoding: .utf8)
        let path = dir + "/saved.cs"
        #expect(symlink(victim, path) == 0)
        #expect(throws: PrivateFileError.self) { try PrivateFile.write(path, Array("x".utf8), overwrite: true) }
        #expect(throws: PrivateFileError.self) { _ = try PrivateFile.openForAppend(path) }
        #expect(try read(victim) == "precious\n")
    }

    @Test func writeKeepsAnExistingFileUnlessAskedAndTightensItsMode() throws {
        let path = dir + "/saved.cs"
        try PrivateFile.write(path, Array("a".utf8), overwrite: false)
        do {
            try PrivateFile.write(path, Array("b".utf8), overwrite: false)
            Issue.record("an existing file was overwritten")
        } catch {
            #expect(error.exists)
        }
        #expect(chmod(path, 0o644) == 0)
        try PrivateFile.write(path, Array("c".utf8), overwrite: true)
        #expect(try read(path) == "c" && mode(path) == 0o600)
    }

    @Test func theLockExcludesOtherHolders() throws {
        let path = dir + "/history"
        let excluded = try PrivateFile.withLock(on: path) { () -> Bool in
            let fd = open(path + ".lock", O_RDWR)
            defer { close(fd) }
            return flock(fd, LOCK_EX | LOCK_NB) != 0 && errno == EWOULDBLOCK
        }
        #expect(excluded)
        // Released afterwards.
        let fd = open(path + ".lock", O_RDWR)
        defer { close(fd) }
        #expect(flock(fd, LOCK_EX | LOCK_NB) == 0)
    }
}

/// Files written piece by piece (`save`): whole or not at all, private, never over an existing file unless asked.
@Suite struct StreamedFileTests {
    let dir: String

    init() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("acsh-sf-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    private func names() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: dir).sorted() }

    @Test func appearsOnlyAtCommitWhole() throws {
        let path = dir + "/report.csv"
        let f = try StreamedFile(path, overwrite: false)
        for n in 0..<20_000 { try f.write("row \(n)\n") }
        // Written to disk in pieces already, but under a temporary name.
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(try names().count == 1 && names()[0].hasSuffix(".tmp"))
        try f.commit()
        #expect(try names() == ["report.csv"])
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasPrefix("row 0\n") && text.hasSuffix("row 19999\n"))
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int == 0o600)
    }

    @Test func refusesAnExistingFileUnlessOverwriting() throws {
        let path = dir + "/out.txt"
        try "old\n".write(toFile: path, atomically: false, encoding: .utf8)
        #expect { try StreamedFile(path, overwrite: false) } throws: { ($0 as? PrivateFileError)?.exists == true }
        let f = try StreamedFile(path, overwrite: true)
        try f.write("new\n")
        try f.commit()
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "new\n")
    }

    @Test func aFileCreatedMeanwhileIsNotReplaced() throws {
        let path = dir + "/race.txt"
        let f = try StreamedFile(path, overwrite: false)
        try f.write("mine\n")
        try "theirs\n".write(toFile: path, atomically: false, encoding: .utf8)
        #expect { try f.commit() } throws: { ($0 as? PrivateFileError)?.exists == true }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "theirs\n")
        #expect(try names() == ["race.txt"])
    }

    @Test func discardLeavesNothing() throws {
        let f = try StreamedFile(dir + "/half.json", overwrite: false)
        try f.write("[1,")
        f.discard()
        #expect(try names().isEmpty)
    }
}
