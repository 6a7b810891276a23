extension Catalog {
    /// The CloudStack release the bundled catalog describes (scripts/gen-catalog's dump).
    public static let bundledVersion = "4.18.0"

    /// How messages name this catalog: its version when bundled, where it came from when synced.
    public var versionDescription: String {
        source == "bundled"
            ? "the bundled CloudStack \(Self.bundledVersion) catalog"
            : "the catalog synced from this profile's server (\(source))"
    }
}
