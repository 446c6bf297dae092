import Foundation
import Testing
import WeirCore
import WeirDetect
import WeirModel
import WeirRules
import WeirService
import WeirSources
import WeirStore
import WeirTestSupport

/// Where one run stops and the next begins changes nothing: a file read in one run gives exactly
/// the rate findings, the minutes of traffic, the anomalies and the incidents of the same file
/// read in 2, 3, 7 and 50 runs cut at arbitrary byte offsets (mid-line included), on generated
/// attack traffic and on the real Apache sample. Nor does parsing on other threads
/// (``PipelinedLogReader``): runs read that way give the same results as runs read by one thread.
struct ExactAcrossRunsTests {
    enum Source: String, CaseIterable, CustomTestStringConvertible, Sendable {
        case attack
        case sample
        var testDescription: String { rawValue }

        var properties: JSONValue {
            switch self {
            case .attack: RestartTests.properties
            case .sample:
                .object([
                    "black_ip_address": .array([.string("83.149.9.0/24"), .string("66.249.73.0/24")]),
                    "average_requests_per_client_per_time_interval": .object(["10": .number(8), "60": .number(20)]),
                    "average_requests_per_time_interval": .object(["60": .number(60)]),
                ])
            }
        }
    }

    /// The sample beside the repository.
    static let samplePath = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/data/apache_logs").path

    struct Outcome: Equatable {
        var rateFindings: [String]
        var anomalies: [String]
        var minutes: [String]
        var incidents: [String]
        var lines: Int64
        var malformed: Int64
    }

    /// Reads `bytes` in runs that end at `cuts` (byte offsets) and at the end, on a fresh store,
    /// on the run's thread alone or (`pipelined`) with parsing threads for every stretch read.
    func outcome(_ bytes: [UInt8], cuts: [Int], source: Source, pipelined: Bool = false) async throws -> Outcome {
        var sources = SourceContext(vault: nil)
        sources.parsingThreads = pipelined ? 3 : 0
        sources.pipelinedMinimum = 1
        let harness = try await Harness.make(sources: sources)
        defer { harness.remove() }
        let path = "\(harness.directory)/access.log"
        FileManager.default.createFile(atPath: path, contents: nil)
        let task = try await harness.store.createTask(
            MonitoringTask(
                name: "exact",
                description: "",
                frequency: 3_600,
                nextRunTime: Harness.start + 86_400,
                target: .file(path: path, format: "combined"),
                rules: try TaskRules(properties: source.properties),
                detection: try TaskDetection(json: .object(["enabled": .bool(true)]))
            ),
            now: Harness.start
        )
        var written = 0
        var lines: Int64 = 0
        var malformed: Int64 = 0
        try await harness.withCoordinator {
            for end in cuts + [bytes.count] {
                let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
                handle.seekToEndOfFile()
                handle.write(Data(bytes[written..<end]))
                try handle.close()
                written = end
                let run = try await harness.runNow(task.id)
                #expect(run.status == .succeeded, "\(run)")
                lines += run.linesRead
                malformed += run.malformedLines
            }
        }
        let rateRules: Set<String> = [RuleName.averageRequestsPerTimeInterval.rawValue, RuleName.averageRequestsPerClientPerTimeInterval.rawValue]
        let findings = try await harness.store.findings(taskID: task.id, query: FindingQuery(limit: 1_000_000))
            .map(\.finding).filter { rateRules.contains($0.rule) }
            .map { "\($0.rule) \($0.client ?? "-") \($0.first)-\($0.last) peak \($0.peak) window \($0.windowSeconds ?? 0)" }
        let anomalies = try await harness.store.findings(taskID: task.id, query: FindingQuery(rule: "anomaly", limit: 1_000_000))
            .map(\.finding).compactMap { f in
                f.anomaly.map { "\($0.feature) \(f.first)-\(f.last) observed \($0.observed) score \($0.score) \(f.message)" }
            }
        let minutes = try await harness.store.trafficMinutes(taskID: task.id, since: .min).map { "\($0)" }
        let incidents = try await harness.store.incidents(IncidentQuery(taskID: task.id, limit: 1_000_000))
            .map { "\($0.rule) \($0.key) \($0.openedAt)-\($0.lastSeen) \($0.state.rawValue)" }
        try await harness.store.close()
        return Outcome(
            rateFindings: findings.sorted(),
            anomalies: anomalies.sorted(),
            minutes: minutes,
            incidents: incidents.sorted(),
            lines: lines,
            malformed: malformed
        )
    }

    @Test(arguments: Source.allCases)
    func findingsAndIncidentsDoNotDependOnWhereRunsEnd(source: Source) async throws {
        let bytes: [UInt8]
        switch source {
        case .attack:
            let harness = try await Harness.make()
            defer { harness.remove() }
            bytes = Array(try Data(contentsOf: URL(fileURLWithPath: try harness.writeLog(count: 20_000, rate: 20))))
            try await harness.store.close()
        case .sample:
            bytes = Array(try Data(contentsOf: URL(fileURLWithPath: Self.samplePath)))
        }
        let reference = try await outcome(bytes, cuts: [], source: source)
        #expect(reference.rateFindings.count >= 3, "the rules find bursts to split: \(reference.rateFindings.count)")
        #expect(reference.incidents.count >= 3)
        #expect(reference.minutes.count >= 10, "minutes measured: \(reference.minutes.count)")
        if source == .sample { #expect(reference.anomalies.count >= 2, "anomalies to split: \(reference.anomalies)") }
        var rng = SeededRandom(seed: 2026)
        for parts in [2, 3, 7, 50] {
            let cuts = Set((1..<parts).map { _ in Int.random(in: 1..<bytes.count, using: &rng) }).sorted()
            Self.expect(try await outcome(bytes, cuts: cuts, source: source), equals: reference, "cuts \(cuts)")
        }
        for cuts in [[], [bytes.count / 3, bytes.count / 3 + 1, 2 * bytes.count / 3 + 17]] {
            Self.expect(try await outcome(bytes, cuts: cuts, source: source, pipelined: true), equals: reference, "pipelined, cuts \(cuts)")
        }
    }

    static func expect(_ split: Outcome, equals reference: Outcome, _ label: String) {
        #expect(split.lines == reference.lines && split.malformed == reference.malformed, "\(label)")
        #expect(split.rateFindings == reference.rateFindings, "\(label): \(difference(split.rateFindings, reference.rateFindings))")
        #expect(split.incidents == reference.incidents, "\(label): \(difference(split.incidents, reference.incidents))")
        #expect(split.anomalies == reference.anomalies, "\(label): \(difference(split.anomalies, reference.anomalies))")
        #expect(split.minutes == reference.minutes, "\(label): \(difference(split.minutes, reference.minutes))")
    }

    /// What only the split runs have, and what only the single run has.
    static func difference(_ split: [String], _ reference: [String]) -> String {
        "split only \(Set(split).subtracting(reference).sorted()), single run only \(Set(reference).subtracting(split).sorted())"
    }
}
