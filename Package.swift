// swift-tools-version:6.0
import PackageDescription

// Module graph (arrows = may import), see README "Layout":
//   APICatalog, Values, Contracts     (leaves; Contracts: secrets policy, ExitCode, OutputFormat)
//   Profiles    -> Contracts, Values
//   CloudClient -> APICatalog (API facts), Values, Contracts
//   Output      -> Values, Contracts
//   Simulator   -> APICatalog, CloudClient (shares the Signer), Values (+ GRDB for its state file)
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
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        .target(name: "PrivateFiles"),
        .target(name: "APICatalog", dependencies: ["PrivateFiles"]),
        .target(name: "Contracts"),
        .target(name: "Values", dependencies: [.product(name: "OrderedCollections", package: "swift-collections")]),
        .target(name: "Profiles", dependencies: ["Contracts", "PrivateFiles", "Values", .product(name: "TOMLKit", package: "TOMLKit")]),
        .target(name: "CloudClient", dependencies: [
            "APICatalog", "Values", "Contracts",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .target(name: "Output", dependencies: ["Values", "Contracts"]),
        .target(name: "Simulator", dependencies: [
            "APICatalog", "CloudClient", "Values", "Contracts",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "_CryptoExtras", package: "swift-crypto"),
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        .target(name: "Language", dependencies: ["APICatalog", "CloudClient", "Output", "PrivateFiles", "Values", "Contracts",
                                                 .product(name: "Crypto", package: "swift-crypto")]),
        .systemLibrary(name: "CEditLine", pkgConfig: "libedit", providers: [.apt(["libedit-dev"])]),
        .target(name: "REPL", dependencies: ["Language", "Output", "Profiles", "APICatalog", "Contracts", "CEditLine", "PrivateFiles"]),
        .executableTarget(name: "acsh", dependencies: [
            "APICatalog", "CloudClient", "Contracts", "Profiles", "Output", "Language", "REPL", "Simulator", "Values",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // libFuzzer entry point (lexer and parser, client answers, simulator requests); built only by scripts/fuzz.
        .executableTarget(name: "acsh-fuzz", dependencies: ["Language", "CloudClient", "Simulator"],
                          swiftSettings: [.unsafeFlags(["-parse-as-library"])]),

        // What several test targets share: a sandbox per test (withSandbox), temporary directories, paths.
        .target(name: "TestSupport", dependencies: ["Simulator", "CloudClient"], path: "Tests/TestSupport"),
        .testTarget(name: "APICatalogTests", dependencies: ["APICatalog"]),
        .testTarget(name: "ContractsTests", dependencies: ["Contracts"]),
        .testTarget(name: "ValuesTests", dependencies: ["Values", .product(name: "PropertyBased", package: "swift-property-based")]),
        .testTarget(name: "ProfilesTests", dependencies: ["Profiles", "Contracts"]),
        .testTarget(name: "PrivateFilesTests", dependencies: ["PrivateFiles"]),
        .testTarget(name: "CloudClientTests", dependencies: [
            "CloudClient", "Simulator", "TestSupport", "Values",
            .product(name: "PropertyBased", package: "swift-property-based"),
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdTLS", package: "hummingbird"),
        ], exclude: ["Fixtures"]),  // answers recorded from real servers, read from the source tree
        .testTarget(name: "OutputTests", dependencies: ["Output", "Contracts", "Values", .product(name: "PropertyBased", package: "swift-property-based")],
                    exclude: ["Golden"]),
        .testTarget(name: "SimulatorTests", dependencies: ["Simulator", "CloudClient", "Values", "APICatalog",
                                                           .product(name: "GRDB", package: "GRDB.swift")],
                    exclude: ["RequestSeeds"]),  // read from the source tree (#filePath)
        .testTarget(name: "LanguageTests", dependencies: ["Language", "Simulator", "APICatalog", "CloudClient", "Contracts", "Values", "Output",
                                                          "TestSupport"],
                    exclude: ["Scripts", "Check", "FuzzRegressions", "Golden"]),  // read from the source tree (#filePath)
        .testTarget(name: "REPLTests", dependencies: ["REPL", "Language", "APICatalog", "Simulator", "TestSupport"]),
        .testTarget(name: "EndToEndTests", dependencies: ["Simulator", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
