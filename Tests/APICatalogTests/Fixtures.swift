import Foundation
@testable import APICatalog

/// Paths of the repository and of ../shared beside it (CI has both).
enum Fixtures {
    static let repoRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let catalogDir = repoRoot.deletingLastPathComponent().appendingPathComponent("shared/catalog")
    static let dump418 = catalogDir.appendingPathComponent("listApis-4.18.0.json")
    static let dump411 = catalogDir.appendingPathComponent("listApis-4.11.json")

    static func bytes(_ url: URL) throws -> [UInt8] { [UInt8](try Data(contentsOf: url)) }

    static func tempDir() throws -> URL {
        let dir = FileManager.default.temporaryDirectory
            .appendingPathComponent("acsh-catalog-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// The error text `body` throws, nil when it does not throw.
    static func errorText(_ body: () throws -> Any?) -> String? {
        do { _ = try body(); return nil } catch { return "\(error)" }
    }
}
