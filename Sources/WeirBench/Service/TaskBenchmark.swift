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
import WeirTraffic

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
        try await withServices(path: path, settings: [[:]], parsingThreads: parsingThreads) { services in
            var times: [Double] = []
            var last: RunRecord?
            for i in 0..<runs {
                let timed = try await services[0].time(name: "bench-\(i)", detection: detection)
                times.append(timed.seconds)
                last = timed.run
            }
            guard let last, last.status == .succeeded else { throw StoreError("the benchmark run failed: \(last?.error ?? "unknown")") }
            return (median(times), last)
        }
    }

    /// The lines `weir bench --traffic-overhead` prints: what counting traffic for `/metrics`
    /// costs a task run, measured in one process on services with `WEIR_TRAFFIC_METRICS` false
    /// and true, the last with tasks that declare six routes, in `rounds` rounds of one run each,
    /// their order turning from round to round (three services: each runs as many tasks). Each
    /// round's ratio to the run without counting is taken, so that the machine's drift between
    /// rounds cancels; the median and quartiles of those ratios are printed, for wall time and
    /// for the process's processor time.
    public static func trafficOverhead(path: String, rounds: Int) async throws -> [String] {
        let routes = try Benchmark.routes.map {
            guard let pattern = URLPattern($0) else { throw StoreError("the route \($0) does not parse") }
            return pattern
        }
        // One service per mode, so that each runs as many tasks and its database grows alike.
        let settings: [[String: String]] = [["WEIR_TRAFFIC_METRICS": "false"], ["WEIR_TRAFFIC_METRICS": "true"], ["WEIR_TRAFFIC_METRICS": "true"]]
        return try await withServices(path: path, settings: settings, parsingThreads: SourceContext.defaultParsingThreads) { services in
            // Not counted, counted, counted with routes: the service and the routes of each.
            let modes: [(service: Int, routes: [URLPattern])] = [(0, []), (1, []), (2, routes)]
            var seconds: [[Double]] = [[], [], []]
            var cpu: [[Double]] = [[], [], []]
            for round in 0..<rounds {
                for k in 0..<modes.count {
                    let mode = (k + round) % modes.count
                    let cpuBefore = Self.processCPUSeconds()
                    let timed = try await services[modes[mode].service].time(
                        name: "overhead-\(round)-\(mode)",
                        detection: true,
                        metrics: TrafficMetricsOptions(routes: modes[mode].routes)
                    )
                    guard timed.run.status == .succeeded else { throw StoreError("the benchmark run failed: \(timed.run.error ?? "unknown")") }
                    seconds[mode].append(timed.seconds)
                    cpu[mode].append(Self.processCPUSeconds() - cpuBefore)
                }
            }
            func ratios(_ mode: Int, _ samples: [[Double]]) -> String {
                let ratios = zip(samples[mode], samples[0]).map { $0 / $1 }
                let sorted = ratios.sorted()
                let interval = Self.medianInterval(ratios)
                let percent = { (ratio: Double) in String(format: "%+.1f%%", (ratio - 1) * 100) }
                return "\(percent(median(sorted))) (quartiles \(percent(sorted[sorted.count / 4])) to \(percent(sorted[sorted.count * 3 / 4])); "
                    + "95% interval of the median \(percent(interval.lowerBound)) to \(percent(interval.upperBound)))"
            }
            return [
                "task runs, \(rounds) rounds: not counted \(String(format: "%.3f", median(seconds[0]))) s, counted \(String(format: "%.3f", median(seconds[1]))) s, with six routes \(String(format: "%.3f", median(seconds[2]))) s (medians)",
                "traffic metrics cost a run \(ratios(1, seconds)); with six routes \(ratios(2, seconds)) (medians of the rounds' ratios)",
                "processor time (all threads): not counted \(String(format: "%.3f", median(cpu[0]))) s, counted \(String(format: "%.3f", median(cpu[1]))) s, with six routes \(String(format: "%.3f", median(cpu[2]))) s (medians)",
                "traffic metrics cost a run's processor time \(ratios(1, cpu)); with six routes \(ratios(2, cpu))",
            ]
        }
    }

    /// The processor time the process has used, user and system, in seconds: what a run costs
    /// whatever else the machine is running, where its wall time also depends on free cores.
    static func processCPUSeconds() -> Double {
        var usage = rusage()
        #if canImport(Glibc)
        let who = RUSAGE_SELF.rawValue
        #else
        let who = RUSAGE_SELF
        #endif
        guard getrusage(who, &usage) == 0 else { return 0 }
        let user = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
        return user + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
    }

    /// A 95% interval for the median of the population `values` were drawn from: the 2.5th and
    /// 97.5th percentiles of the medians of 2,000 resamples (the percentile bootstrap, seeded so
    /// that the same figures give the same interval).
    static func medianInterval(_ values: [Double]) -> ClosedRange<Double> {
        var random = SeededRandom(seed: 0x5745_4952)
        let medians = (0..<2_000).map { _ in median(values.indices.map { _ in values[random.below(values.count)] }) }.sorted()
        return medians[50]...medians[1_949]
    }

    /// The median of `values` (the upper one of an even count).
    private static func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

    /// Runs `body` with one temporary service per entry of `settings` (added to a temporary
    /// SQLite database and folders), their coordinators running for as long as it lasts.
    private static func withServices<Result: Sendable>(
        path: String,
        settings: [[String: String]],
        parsingThreads: Int,
        _ body: ([BenchService]) async throws -> Result
    ) async throws -> Result {
        // Tasks store absolute paths only.
        let path = URL(fileURLWithPath: path).standardized.path
        var services: [BenchService] = []
        for values in settings { services.append(try await BenchService(path: path, settings: values, parsingThreads: parsingThreads)) }
        defer { for service in services { service.removeFolder() } }
        let result = try await withThrowingTaskGroup(of: Void.self) { group in
            // The coordinators execute the runs in child tasks, for as long as the runs last.
            for service in services { group.addTask { try await service.coordinator.run() } }
            defer { group.cancelAll() }
            return try await body(services)
        }
        for service in services { try await service.store.close() }
        return result
    }
}
