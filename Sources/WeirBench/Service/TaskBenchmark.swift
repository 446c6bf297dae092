import Foundation
import Logging
import WeirCore
import WeirDetect
import WeirLog
import WeirModel
import WeirRules
import WeirService
import WeirSources
import WeirStore

/// Times whole task runs through the service's own runner and store: a temporary SQLite database,
/// one task with all five rules on `path`, run from the start of the file `runs` times (a new
/// task each time, so each reads everything), median reported. Used by `weir bench --task`, with
/// detection on and off, and with the file parsed on other threads or on the run's own.
public enum TaskBenchmark {
    /// All five rules, as an operator might set them.
    public static let properties = JSONValue.object([
        "black_ip_address": .array([.string("192.0.2.0/24"), .string("2001:db8:bad::/48"), .string("198.51.100.23")]),
        "average_requests_per_time_interval": .object(["60": .number(600), "3600": .number(20_000)]),
        "average_requests_per_client_per_time_interval": .object(["10": .number(50), "60": .number(200)]),
        "is_http_requests_accepted": .bool(false),
        "accepted_urls": .array(
            [
                "/", "/index.html", "/static/**", "/images/**", "/api/**", "/blog/**", "/products/**",
                "/account/*", "/search", "/cart", "/checkout/**", "/help/**", "/docs/**",
            ].map(JSONValue.string)
        ),
    ])

    /// The lines `weir bench --task` prints: task runs as the service runs them (the file parsed
    /// on other threads while the rules take its lines), with detection on and off, and on the
    /// run's own thread alone, each against `weir analyze --jobs 1` on the same file.
    public static func report(path: String, runs: Int) async throws -> [String] {
        let analyze = try Benchmark.medianAnalyzeSeconds(path: path, runs: runs)
        let threads = SourceContext.defaultParsingThreads
        let variants: [(label: String, detection: Bool, threads: Int)] = [
            ("task run, \(threads) parsing thread\(threads == 1 ? "" : "s")", true, threads),
            ("  detection off", false, threads),
            ("task run, one thread", true, 0),
        ]
        var lines: [String] = []
        for variant in variants {
            let (seconds, run) = try await Self.run(path: path, runs: runs, detection: variant.detection, parsingThreads: variant.threads)
            lines.append(
                "\(variant.label.padding(toLength: 34, withPad: " ", startingAt: 0))\(String(format: "%.3f", seconds)) s  "
                    + "\(String(format: "%.2f", Double(run.linesRead) / seconds / 1e6)) M lines/s  (\(run.linesRead) lines, \(run.findingCount) findings)  "
                    + "= \(String(format: "%.2f", seconds / analyze))× weir analyze --jobs 1 (\(String(format: "%.3f", analyze)) s)"
            )
        }
        return lines
    }

    /// Returns the median run time in seconds and the last run's record. `detection` turns the
    /// per-minute features and anomaly scoring on or off; `parsingThreads` is the service's
    /// default (``SourceContext/defaultParsingThreads``) unless given.
    public static func run(
        path: String,
        runs: Int,
        detection: Bool = true,
        parsingThreads: Int = SourceContext.defaultParsingThreads
    ) async throws -> (seconds: Double, run: RunRecord) {
        // Tasks store absolute paths only.
        let path = URL(fileURLWithPath: path).standardized.path
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("weir-task-bench-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let source = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let settings = try Settings(values: [
            "WEIR_DATABASE_URL": "sqlite://\(dir)/weir.sqlite", "WEIR_LOG_DIR": "\(dir)/logs", "WEIR_SOURCE_DIRS": source,
        ])
        let logger = Logger(label: "bench", factory: { _ in SwiftLogNoOpLogHandler() })
        let store = try await WeirServer.openStore(settings, logger: logger)
        var sources = SourceContext(vault: nil)
        sources.parsingThreads = parsingThreads
        let server = WeirServer(settings: settings, store: store, logger: logger, sources: sources)
        let coordinator = server.coordinator
        // The coordinator executes the runs in a child task, for as long as the runs last.
        let (times, last) = try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await coordinator.run() }
            defer { group.cancelAll() }
            var times: [Double] = []
            var last: RunRecord?
            for i in 0..<runs {
                var draft = MonitoringTask.onFile(
                    path,
                    name: "bench-\(i)",
                    frequency: 86_400,
                    nextRunTime: server.clock.now() + 86_400,
                    rules: try TaskRules(properties: properties)
                )
                draft.detection = try TaskDetection(json: .object(["enabled": .bool(detection)]))
                let task = try await store.createTask(draft, now: server.clock.now())
                let start = ContinuousClock.now
                guard case .started(let run) = try await coordinator.start(taskID: task.id, trigger: .manual) else {
                    throw StoreError("the benchmark run did not start")
                }
                await coordinator.waitUntilIdle()
                let elapsed = start.duration(to: .now)
                times.append(elapsed.seconds)
                last = try await store.run(id: run.id)
            }
            return (times, last)
        }
        try await store.close()
        guard let last, last.status == .succeeded else { throw StoreError("the benchmark run failed: \(last?.error ?? "unknown")") }
        return (times.sorted()[times.count / 2], last)
    }
}
