import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import Synchronization
import Testing
import WeirCore
import WeirLog
import WeirModel
import WeirRules
import WeirService
import WeirStore

/// A run stopped midway by a shutdown commits nothing; after a restart the next run reads the
/// same lines, and the findings equal those of one uninterrupted evaluation: nothing lost,
/// nothing doubled.
struct RestartTests {
    static let properties = JSONValue.object([
        "black_ip_address": .array([.string("192.0.2.0/24"), .string("2001:db8:bad::/48")]),
        "average_requests_per_client_per_time_interval": .object(["10": .number(30)]),
        "average_requests_per_time_interval": .object(["60": .number(1_500)]),
    ])

    /// The findings of one evaluation of the whole file, without the service.
    func reference(_ path: String) throws -> [RuleFinding] {
        var evaluator = RuleEvaluator(rules: try TaskRules(properties: Self.properties))
        var reader = LogReader(source: try LogInput.open(path), name: path, format: .combined)
        try reader.read { line, parsed in if line.failure == nil { evaluator.add(parsed, line: line.bytes) } }
        return evaluator.finish().findings
    }

    func sorted(_ findings: [RuleFinding]) -> [RuleFinding] {
        findings.sorted { ($0.first, $0.rule, $0.client ?? "", $0.last, $0.message) < ($1.first, $1.rule, $1.client ?? "", $1.last, $1.message) }
    }

    @Test func shutdownMidRunLosesAndDoublesNothing() async throws {
        let stopRequested = Mutex<(ServiceGroup?, Bool)>((nil, false))
        let first = try await Harness.make(onProgress: { progress in
            // Ask for a graceful shutdown once the run has read its first 65,536 lines.
            let group = stopRequested.withLock { state -> ServiceGroup? in
                guard !state.1, progress.lines >= 65_536 else { return nil }
                state.1 = true
                return state.0
            }
            guard let group else { return }
            Task { await group.triggerGracefulShutdown() }
            // Hold the run here until the shutdown has reached it, so that it is stopped midway
            // however fast the rest of the file would be read.
            let deadline = ContinuousClock.now.advanced(by: .seconds(120))
            while !progress.stop.isSet, ContinuousClock.now < deadline { usleep(1_000) }
        })
        defer { first.remove() }
        let log = try first.writeLog(count: 200_000, rate: 40)
        var draft = MonitoringTask(
            name: "restart",
            description: "",
            frequency: 3_600,
            nextRunTime: Harness.start + 3_600,
            target: .file(path: log, format: "combined"),
            rules: try TaskRules(properties: Self.properties)
        )
        draft = try await first.store.createTask(draft, now: Harness.start)

        let group = first.server.serviceGroup(application: first.server.makeApplication(), signals: false)
        stopRequested.withLock { $0.0 = group }
        let service = Task { try await group.run() }
        guard case .started(let run) = try await first.server.coordinator.start(taskID: draft.id, trigger: .manual) else {
            Issue.record("the run did not start")
            return
        }
        try await service.value
        #expect(stopRequested.withLock { $0.1 }, "the shutdown came in the middle of the run")
        // The shutdown itself recorded the run, before the service's store closed: read the
        // database as it was left, without the start-up sweep of a restart.
        let left = try await WeirServer.openStore(first.settings.databaseURL, logger: Logger(label: "test"))
        let recorded = try #require(try await left.run(id: run.id))
        try await left.close()
        #expect(recorded.status == .interrupted, "the run was left \(recorded.status)")
        #expect(recorded.error?.contains("the service stopped during this run") == true)
        // The store is closed by the service group; reopen the same database as a restart does.
        let second = try await Harness.make(directory: first.directory)
        let interrupted = try #require(try await second.store.run(id: run.id))
        #expect(interrupted.status == .interrupted)
        #expect(try await second.store.findings(taskID: draft.id, query: FindingQuery(limit: 1000)).isEmpty)
        #expect(try await second.store.checkpoint(taskID: draft.id) == nil)

        let coordinator = second.server.coordinator
        try await second.withCoordinator {
            _ = try await coordinator.start(taskID: draft.id, trigger: .manual)
            await coordinator.waitUntilIdle()
            let runs = try await second.store.runs(taskID: draft.id, limit: 10)
            #expect(runs.first?.status == .succeeded)
            #expect(runs.first?.linesRead == 200_000)
            // A run with nothing new reads nothing and finds nothing more.
            _ = try await coordinator.start(taskID: draft.id, trigger: .manual)
            await coordinator.waitUntilIdle()
        }
        let stored = try await second.store.findings(taskID: draft.id, query: FindingQuery(limit: 1000)).map(\.finding)
        let expected = try reference(log)
        #expect(!expected.isEmpty)
        #expect(sorted(stored.filter { $0.rule != "anomaly" }) == sorted(expected))
        // Anomaly findings: the same as one uninterrupted run of the same task on a fresh database.
        let control = try await Harness.make(settings: ["WEIR_SOURCE_DIRS": first.directory])
        defer { control.remove() }
        let twin = try await control.store.createTask(draft, now: Harness.start)
        try await control.withCoordinator {
            _ = try await control.server.coordinator.start(taskID: twin.id, trigger: .manual)
            await control.server.coordinator.waitUntilIdle()
        }
        let uninterrupted = try await control.store.findings(taskID: twin.id, query: FindingQuery(rule: "anomaly", limit: 1000)).map(\.finding)
        #expect(sorted(stored.filter { $0.rule == "anomaly" }) == sorted(uninterrupted))
        try await control.store.close()
        let last = try await second.store.runs(taskID: draft.id, limit: 1).first
        #expect(last?.linesRead == 0, "\(String(describing: last))")
        #expect(try await second.store.findings(taskID: draft.id, query: FindingQuery(limit: 1000)).count == stored.count)
        try await second.store.close()
    }

    @Test func runsLeftRunningByACrashAreMarkedInterruptedOnStart() async throws {
        let first = try await Harness.make()
        defer { first.remove() }
        let task = try await first.store.createTask(
            MonitoringTask(
                name: "crash",
                description: "",
                frequency: 60,
                nextRunTime: Harness.start,
                target: .file(path: "/nonexistent.log", format: "auto"),
                rules: try TaskRules(properties: .object([:]))
            ),
            now: Harness.start
        )
        let run = try #require(try await first.store.startRun(taskID: task.id, trigger: .scheduled, now: Harness.start))
        try await first.store.close()  // as if the process died here
        let second = try await Harness.make(directory: first.directory)
        #expect(try await second.store.run(id: run.id)?.status == .interrupted)
        #expect(try await second.store.startRun(taskID: task.id, trigger: .manual, now: Harness.start + 1) != nil)
        try await second.store.close()
    }
}
