import Foundation
@testable import Language

/// One in-process simulator shared by the script tests (started on first use).
actor SandboxServer {
    static let shared = SandboxServer()

    /// Nil until the Simulator lands in this branch.
    func api() async throws -> (any CloudAPI)? { nil }
}
