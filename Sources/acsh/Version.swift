import APICatalog
import BuildStamp

/// What `acsh --version` prints: the release, the commit the binary was built from (recorded by
/// scripts/stamp-commit, "unknown" for a plain `swift build`) and the bundled catalog's CloudStack version.
enum Version {
    static let number = "0.1.0"

    static var line: String {
        "acsh \(number) (commit \(String(cString: acsh_build_commit()))), CloudStack \(Catalog.bundledVersion) catalog"
    }
}
