// swift-tools-version:6.1
import PackageDescription

/// Weir: HTTP access-log monitoring. One library target per concern, a thin `weir` executable.
let package = Package(
    name: "weir",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "weir", targets: ["weir"]),
        .library(name: "WeirLog", targets: ["WeirLog"]),
        .library(name: "WeirTraffic", targets: ["WeirTraffic"]),
        .library(name: "WeirGenerator", targets: ["WeirGenerator"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.5.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.6.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.0.0"),
        .package(url: "https://github.com/vapor/sqlite-nio", from: "1.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.0"),
        .package(url: "https://github.com/apple/swift-configuration", from: "1.0.2", traits: []),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.0"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.0.0"),
    ],
    targets: [
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        /// Small shared types with no dependencies: byte-keyed counting, seeded random numbers, JSON
        /// values and the one JSON encoder configuration, field errors, durations, stop signals.
        .target(name: "WeirCore"),
        /// Access-log formats, line parsing on bytes, streaming line reading (plain, gzip, stdin).
        .target(name: "WeirLog", dependencies: ["WeirCore", "CZlib"]),
        /// Traffic aggregation: the whole-file report and the live monitor.
        .target(
            name: "WeirTraffic",
            dependencies: ["WeirCore", "WeirLog", "WeirRules", .product(name: "UnixSignals", package: "swift-service-lifecycle")]
        ),
        /// Realistic access-log traffic, live or fast, reproducible by seed.
        .target(name: "WeirGenerator", dependencies: ["WeirCore", "WeirLog"]),
        /// The task rules of the service: blacklists, rate limits overall and per client, plain HTTP,
        /// accepted URLs; evaluated over parsed records into findings, one per burst.
        .target(name: "WeirRules", dependencies: ["WeirCore", "WeirLog"]),
        /// Streaming anomaly detectors for traffic series, score calibration and alert suppression,
        /// and the expert system that chooses a method and its hyper-parameters from a series' history.
        /// Optimised in debug builds too: the expert system and the detectors are numeric loops that
        /// run 30 times slower unoptimised, and the tests hold `auto`'s score on the whole NAB half.
        .target(
            name: "WeirDetect",
            dependencies: ["WeirCore", "WeirLog"],
            swiftSettings: [.unsafeFlags(["-O"], .when(configuration: .debug))]
        ),
        /// Weir's domain, apart from any database: tasks and their sources, runs, findings, incidents
        /// (and the ledger that opens and resolves them), channels and the outbox's notifications,
        /// stored models, and the store protocols that ``WeirStore`` implements in SQL.
        .target(name: "WeirModel", dependencies: ["WeirCore", "WeirLog", "WeirRules", "WeirDetect", "WeirTraffic"]),
        /// Notifications: the webhook, Slack and Alertmanager messages of incidents and alerts, their
        /// signatures, sending them with a timeout, and when to retry.
        .target(
            name: "WeirNotify",
            dependencies: [
                "WeirCore", "WeirLog", "WeirModel", "WeirTraffic",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        /// The store protocols of ``WeirModel`` implemented once in SQL, on SQLite via SQLiteNIO and
        /// PostgreSQL via PostgresNIO; the schema's migrations. The only target that knows SQL.
        .target(
            name: "WeirStore",
            dependencies: [
                "WeirCore", "WeirModel", "WeirRules", "WeirDetect",
                .product(name: "SQLiteNIO", package: "sqlite-nio"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        /// Where a task's records come from: the `LogSource` seam, the file and OpenSearch sources,
        /// the password vault and reading off the cooperative pool. Owns HTTP, TLS and crypto.
        .target(
            name: "WeirSources",
            dependencies: [
                "WeirCore", "WeirLog", "WeirModel", "WeirRules", "WeirTraffic",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        /// The dashboard's presentation: Mustache templates of its pages, their view models, charts
        /// as SVG, the stylesheet and script it serves, signed session cookies; and the one-file
        /// HTML report of `weir analyze --html`, drawn with the same charts.
        .target(
            name: "WeirWeb",
            dependencies: [
                "WeirCore", "WeirDetect", "WeirLog", "WeirModel", "WeirSources", "WeirTraffic",
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        /// The monitoring service: settings, the HTTP API, runs, background services, metrics; one
        /// composition root (`WeirServer`) for `weir serve`, the demo and the tests.
        .target(
            name: "WeirService",
            dependencies: [
                "WeirCore", "WeirLog", "WeirModel", "WeirRules", "WeirStore", "WeirDetect", "WeirSources", "WeirNotify", "WeirWeb",
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        /// Benchmarks and the detection evaluation; used by the executable's hidden commands only.
        .target(
            name: "WeirBench",
            dependencies: [
                "WeirCore", "WeirLog", "WeirTraffic", "WeirGenerator", "WeirRules", "WeirDetect", "WeirModel", "WeirStore",
                "WeirService", "WeirSources", .product(name: "Logging", package: "swift-log"),
            ]
        ),
        /// `weir demo`: the generator, the live monitor and the service together on a temporary log.
        .target(
            name: "WeirDemo",
            dependencies: [
                "WeirCore", "WeirGenerator", "WeirTraffic", "WeirModel", "WeirStore", "WeirService", "WeirNotify",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .executableTarget(
            name: "weir",
            dependencies: [
                "WeirCore", "WeirLog", "WeirTraffic", "WeirGenerator", "WeirDetect", "WeirModel", "WeirStore", "WeirService",
                "WeirBench", "WeirDemo", "WeirNotify", "WeirWeb",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        /// What the test targets share: temporary folders, log writing, the test PostgreSQL server,
        /// the kinds of store the contract runs against, and the manual clock.
        .target(
            name: "WeirTestSupport",
            dependencies: [
                "WeirCore", "WeirModel", "WeirStore", "WeirService", "WeirNotify", .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            path: "Tests/WeirTestSupport"
        ),
        .testTarget(name: "WeirCoreTests", dependencies: ["WeirCore"]),
        .testTarget(name: "WeirLogTests", dependencies: ["WeirCore", "WeirLog", "WeirTestSupport"]),
        .testTarget(name: "WeirTrafficTests", dependencies: ["WeirCore", "WeirTraffic", "WeirGenerator", "WeirLog", "WeirRules"]),
        .testTarget(name: "WeirGeneratorTests", dependencies: ["WeirCore", "WeirGenerator", "WeirLog"]),
        .testTarget(name: "WeirRulesTests", dependencies: ["WeirCore", "WeirRules", "WeirLog"]),
        .testTarget(name: "WeirDetectTests", dependencies: ["WeirCore", "WeirDetect", "WeirGenerator", "WeirBench"]),
        .testTarget(
            name: "WeirStoreTests",
            dependencies: ["WeirCore", "WeirModel", "WeirStore", "WeirRules", "WeirDetect", "WeirTraffic", "WeirTestSupport"]
        ),
        .testTarget(
            name: "WeirServiceTests",
            dependencies: [
                "WeirCore", "WeirService", "WeirSources", "WeirModel", "WeirStore", "WeirRules", "WeirLog", "WeirGenerator",
                "WeirDetect", "WeirNotify", "WeirTraffic", "WeirTestSupport", "WeirWeb",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .testTarget(name: "WeirWebTests", dependencies: ["WeirCore", "WeirWeb", "WeirDetect", "WeirModel", "WeirRules", "WeirSources"]),
        .testTarget(name: "WeirEndToEndTests", dependencies: ["WeirLog", "WeirTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
