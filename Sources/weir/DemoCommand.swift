import ArgumentParser
import Foundation
import Logging
import WeirGenerator
import WeirLog
import WeirService
import WeirStore
import WeirTraffic
import ServiceLifecycle

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "A first look: the generator, the live monitor and the service together.",
        discussion: """
            Writes 10 requests/s with a ×5 burst from second 20 to second 80 into a temporary log, and
            runs the monitor on it with a threshold of 20 requests/s: an alert appears after about
            70 seconds and its recovery after about 3 minutes. The monitoring service runs beside
            them on a free port with a temporary SQLite database and one task on the same log (run
            every 10 s; a rate rule of 150 requests per 10 s): its runs and findings are printed as
            they happen, and the API can be queried with the curl command shown. Stops by itself
            after --duration seconds or on Ctrl-C, and deletes its files unless --keep is given.
            """
    )

    @Option(help: ArgumentHelp("Seconds to run.", valueName: "SECONDS"))
    var duration: Double = 240

    @Flag(help: "Keep the temporary log instead of deleting it.")
    var keep = false

    @Flag(help: "Monitor output as JSON lines.")
    var json = false

    func validate() throws {
        guard duration > 0 else { throw ValidationError("--duration must be a positive number of seconds, got \(duration)") }
    }

    func run() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("weir-demo-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let log = dir.appendingPathComponent("access.log").path
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        Console.err("weir demo: writing traffic to \(log) (\(keep ? "kept" : "deleted") at the end); monitor threshold 20 req/s; Ctrl-C stops")
        let stop = StopSignal()
        let writer = Task {
            var generator = TrafficGenerator(profile: .spike, seed: 2026)
            try await GeneratorRun.live(duration: duration, interval: 0.1, rate: 10, generator: &generator,
                                        sink: try LineSink(path: log, truncate: false), clock: SystemGeneratorClock())
        }
        var options = LiveMonitor.Options(path: log, format: .combined)
        options.fromStart = true
        options.duration = duration
        let monitor = LiveMonitor(options: options, configuration: .init(threshold: 20),
                                  output: MonitorOutput(style: json ? .json : .text))
        let service = try await DemoService.start(directory: dir.path, log: log)
        try await monitor.run(.console(stop: stop))
        writer.cancel()
        _ = await writer.result
        await service.stop()
        if !keep { try? FileManager.default.removeItem(at: dir) }
    }
}

/// The service part of the demo: a temporary database, one task on the demo log, the API on a
/// free port, and a reporter that prints each run and finding as it is committed.
struct DemoService {
    let group: ServiceGroup
    let running: Task<Void, any Error>
    let reporter: Task<Void, Never>

    static func start(directory: String, log: String) async throws -> DemoService {
        let settings = try Settings(values: ["WEIR_DATABASE_URL": "sqlite://\(directory)/weir.sqlite",
                                             "WEIR_LOG_DIR": "\(directory)/weir-logs", "WEIR_PORT": "0"])
        let logger = Logger(label: "weir-demo", factory: { _ in SwiftLogNoOpLogHandler() })
        let store = try await WeirServer.openStore(settings, logger: logger)
        let server = WeirServer(settings: settings, store: store, logger: logger)
        let now = server.clock.now()
        let task = try await store.createTask(MonitoringTask(
            name: "demo", description: "the demo log, checked every 10 s", frequency: 10, nextRunTime: now + 2,
            targetData: .object(["type": .string("file"), "path": .string(log), "format": .string("combined")]),
            properties: .object(["average_requests_per_time_interval": .object(["10": .number(150)])])), now: now)
        let app = server.makeApplication { port in
            Console.err("weir demo: service on http://127.0.0.1:\(port) with task \(task.id) on the demo log; try: curl -s http://127.0.0.1:\(port)/tasks/\(task.id)/findings")
        }
        let group = server.serviceGroup(application: app, signals: false)
        let running = Task { try await group.run() }
        let reporter = Task { await report(store: store, taskID: task.id) }
        return DemoService(group: group, running: running, reporter: reporter)
    }

    /// Prints each finished run and each new finding, every second, until cancelled.
    static func report(store: any WeirStore, taskID: Int64) async {
        var seenRun: Int64 = 0, seenFinding: Int64 = 0
        while !Task.isCancelled {
            try? await Task.sleep(for: .seconds(1))
            let runs = (try? await store.runs(taskID: taskID, limit: 20)) ?? []
            for run in runs.reversed() where run.id > seenRun && run.status != .running {
                seenRun = run.id
                Console.err("weir demo: service run \(run.id) (\(run.trigger.rawValue)) \(run.status.rawValue): \(run.linesRead) new lines, \(run.findingCount) findings")
            }
            let findings = (try? await store.findings(taskID: taskID, query: FindingQuery(limit: 50))) ?? []
            for f in findings.reversed() where f.id > seenFinding {
                seenFinding = f.id
                Console.err("weir demo: service finding \(f.id): \(f.finding.message)")
            }
        }
    }

    func stop() async {
        reporter.cancel()
        await group.triggerGracefulShutdown()
        _ = await running.result
    }
}
