// swift-tools-version:6.1
import PackageDescription

// Module graph (arrows = may import), see README "Layout":
//   APICatalog, Values, Contracts     (leaves; Contracts: secrets policy, ExitCode, OutputFormat)
//   Profiles    -> Contracts, Values
//   CloudClient -> APICatalog (API facts), Values, Contracts
//   Output      -> Values, Contracts
//   Simulator   -> APICatalog, CloudClient (shares the Signer), Values (+ the system SQLite for its state file,
//                  X509 for the root CA's certificates)
//   Language    -> APICatalog, CloudClient, Output, Values, Contracts (Crypto for sha256)
//   REPL        -> Language, Output, Profiles, Contracts, CEditLine
//   acsh        -> everything (thin wiring)
let package = Package(
    name: "acsh",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "acsh", targets: ["acsh"]),
        .executable(name: "acsh-fuzz", targets: ["acsh-fuzz"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        // Without its default traits: "FullFoundation" would link Foundation's ICU data (README "Performance").
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-certificates", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-asn1", from: "1.7.4"),
    ],
    targets: [
        .target(name: "PrivateFiles"),
        .target(name: "APICatalog", dependencies: ["PrivateFiles"]),
        .target(name: "Contracts"),
        .target(name: "Values", dependencies: [.product(name: "OrderedCollections", package: "swift-collections")]),
        .target(
            name: "Profiles",
            dependencies: ["Contracts", "PrivateFiles", "Values", .product(name: "TOMLKit", package: "TOMLKit")]),
        .target(
            name: "CloudClient",
            dependencies: [
                "APICatalog", "Values", "Contracts",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]),
        .target(name: "Output", dependencies: ["Values", "Contracts"]),
        .target(
            name: "Simulator",
            dependencies: [
                "APICatalog", "CloudClient", "Values", "Contracts",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                "CSQLite",
            ]),
        .target(
            name: "Language",
            dependencies: [
                "APICatalog", "CloudClient", "Output", "PrivateFiles", "Values", "Contracts",
                .product(name: "Crypto", package: "swift-crypto"),
            ]),
        .systemLibrary(name: "CEditLine", pkgConfig: "libedit", providers: [.apt(["libedit-dev"])]),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .target(
            name: "REPL",
            dependencies: ["Language", "Output", "Profiles", "APICatalog", "Contracts", "CEditLine", "PrivateFiles"]),
        // The git commit for `acsh --version` (scripts/stamp-commit writes its commit.h).
        .target(name: "BuildStamp"),
        .executableTarget(
            name: "acsh",
            dependencies: [
                "APICatalog", "BuildStamp", "CloudClient", "Contracts", "Profiles", "Output", "Language", "REPL",
                "Simulator", "Values",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        // libFuzzer entry point (lexer and parser, client answers, simulator requests); built only by scripts/fuzz.
        .executableTarget(
            name: "acsh-fuzz", dependencies: ["Language", "CloudClient", "Simulator"],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]),

        // What several test targets share: a sandbox per test (withSandbox), temporary directories, paths.
        .target(name: "TestSupport", dependencies: ["Simulator", "CloudClient"], path: "Tests/TestSupport"),
        .testTarget(name: "APICatalogTests", dependencies: ["APICatalog"]),
        .testTarget(name: "ContractsTests", dependencies: ["Contracts"]),
        .testTarget(
            name: "ValuesTests",
            dependencies: ["Values", .product(name: "PropertyBased", package: "swift-property-based")]),
        .testTarget(name: "ProfilesTests", dependencies: ["Profiles", "Contracts"]),
        .testTarget(name: "PrivateFilesTests", dependencies: ["PrivateFiles"]),
        .testTarget(
            name: "CloudClientTests",
            dependencies: [
                "CloudClient", "Simulator", "TestSupport", "Values",
                .product(name: "PropertyBased", package: "swift-property-based"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
            ], exclude: ["Fixtures"]),  // answers recorded from real servers, read from the source tree
        .testTarget(
            name: "OutputTests",
            dependencies: [
                "Output", "Contracts", "Values", .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            exclude: ["Golden"]),
        .testTarget(
            name: "SimulatorTests",
            dependencies: [
                "Simulator", "CloudClient", "Values", "APICatalog", "TestSupport",
                // getVMPassword's answer is decrypted with createSSHKeyPair's private key.
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ],
            exclude: ["RequestSeeds", "Clients"]),  // read from the source tree (#filePath)
        .testTarget(
            name: "LanguageTests",
            dependencies: [
                "Language", "Simulator", "APICatalog", "CloudClient", "Contracts", "Values", "Output",
                "TestSupport",
            ],
            exclude: ["Scripts", "Check", "FuzzRegressions", "Golden"]),  // read from the source tree (#filePath)
        .testTarget(name: "REPLTests", dependencies: ["REPL", "Language", "APICatalog", "Simulator", "TestSupport"]),
        .testTarget(name: "EndToEndTests", dependencies: ["Simulator", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)

// A file sees only the members of modules it imports itself. Without this, Foundation (loaded through
// dependencies) lends String its `contains`, `range(of:)` and friends, and one such call links all of
// Foundation and its ICU data into the release binary (README "Performance": 44 MB).
for target in package.targets
where (target.type == .regular || target.type == .executable) && target.name != "TestSupport" {
    target.swiftSettings = (target.swiftSettings ?? []) + [.enableUpcomingFeature("MemberImportVisibility")]
}
