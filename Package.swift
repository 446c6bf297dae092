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
    ],
    targets: [
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        /// Access-log formats, line parsing on bytes, streaming line reading (plain, gzip, stdin).
        .target(name: "WeirLog", dependencies: ["CZlib"]),
        /// Traffic aggregation: counters, top-k tables, the whole-file report.
        .target(name: "WeirTraffic", dependencies: ["WeirLog"]),
        /// Realistic access-log traffic, live or fast, reproducible by seed.
        .target(name: "WeirGenerator", dependencies: ["WeirLog"]),
        /// The task rules of the service: blacklists, rate limits overall and per client, plain HTTP,
        /// accepted URLs; evaluated over parsed records into findings, one per burst.
        .target(name: "WeirRules", dependencies: ["WeirLog", "WeirTraffic"]),
        /// Streaming anomaly detectors for traffic series, score calibration and alert suppression,
        /// and the expert system that chooses a method and its hyper-parameters from a series' history.
        .target(name: "WeirDetect", dependencies: ["WeirGenerator", "WeirLog", "WeirTraffic"]),
        /// Storage of tasks, runs, findings and checkpoints behind one protocol; SQLite via SQLiteNIO,
        /// PostgreSQL via PostgresNIO.
        .target(
            name: "WeirStore",
            dependencies: [
                "WeirRules", "WeirDetect",
                .product(name: "SQLiteNIO", package: "sqlite-nio"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        /// The monitoring service: settings, the HTTP API, the task runner, the scheduler and the
        /// auto-check, metrics; one composition root (`WeirServer`) for `weir serve`, the demo and tests.
        .target(
            name: "WeirService",
            dependencies: [
                "WeirLog", "WeirRules", "WeirStore", "WeirDetect",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        .executableTarget(
            name: "weir",
            dependencies: [
                "WeirLog", "WeirTraffic", "WeirGenerator", "WeirDetect", "WeirStore", "WeirService",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .testTarget(name: "WeirLogTests", dependencies: ["WeirLog"]),
        .testTarget(name: "WeirTrafficTests", dependencies: ["WeirTraffic", "WeirGenerator"]),
        .testTarget(name: "WeirGeneratorTests", dependencies: ["WeirGenerator", "WeirLog"]),
        .testTarget(name: "WeirRulesTests", dependencies: ["WeirRules", "WeirLog"]),
        .testTarget(name: "WeirDetectTests", dependencies: ["WeirDetect", "WeirGenerator"]),
        .testTarget(name: "WeirStoreTests", dependencies: ["WeirStore", "WeirRules", "WeirDetect"]),
        .testTarget(
            name: "WeirServiceTests",
            dependencies: [
                "WeirService", "WeirStore", "WeirRules", "WeirLog", "WeirGenerator", "WeirDetect",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .testTarget(name: "WeirEndToEndTests", dependencies: ["WeirLog"]),
    ],
    swiftLanguageModes: [.v6]
)
