import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import WeirService
import WeirTestSupport

/// `/metrics` is complete from the first scrape and valid for Prometheus: every family with its
/// HELP and TYPE, counters and gauges at 0, requests counted per route and status, process
/// figures; checked with `promtool check metrics` (`scripts/test` installs it).
struct MetricsTests {
    @Test func metricsAreCompleteFromTheFirstScrapeAndPromtoolAcceptsThem() async throws {
        let harness = try await Harness.make()
        defer { harness.remove() }
        let app = Application(router: harness.server.makeRouter())
        try await app.test(.router) { client in
            let first = try await client.request(.get, "/metrics").text
            for family in [
                "weir_task_runs_total", "weir_findings_total", "weir_lines_read_total", "weir_malformed_lines_total",
                "weir_task_run_duration_seconds", "weir_scheduler_lag_seconds", "weir_runs_in_progress",
                "weir_http_requests_total", "weir_http_request_duration_seconds", "process_resident_memory_bytes",
                "process_cpu_seconds_total", "process_start_time_seconds", "process_open_fds",
            ] {
                #expect(first.contains("# HELP \(family) "), "\(family) has no HELP")
                #expect(first.contains("# TYPE \(family) "), "\(family) has no TYPE")
            }
            #expect(first.contains(#"weir_task_runs_total{trigger="scheduled",status="failed"} 0"#))
            #expect(first.contains(#"weir_findings_total{rule="black_ip_address"} 0"#))
            #expect(first.contains("weir_scheduler_lag_seconds 0"))
            #expect(first.contains("weir_runs_in_progress 0"))
            #expect(first.contains(#"weir_http_requests_total{method="POST",route="/tasks",status="201"} 0"#))

            _ = try await client.request(.get, "/health")
            _ = try await client.request(.get, "/nowhere")
            let second = try await client.request(.get, "/metrics").text
            #expect(second.contains(#"weir_http_requests_total{method="GET",route="/health",status="200"} 1"#), "\(second)")
            #expect(second.contains(#"weir_http_requests_total{method="GET",route="unmatched",status="404"} 1"#))
            try Self.promtool(second)
        }
        try await harness.store.close()
    }

    /// Runs `promtool check metrics` on `page`; fails (never skips) when promtool is missing.
    static func promtool(_ page: String) throws {
        let path = ProcessInfo.processInfo.environment["TEST_PROMTOOL"] ?? "/usr/bin/promtool"
        guard FileManager.default.isExecutableFile(atPath: path) else {
            Issue.record("promtool not found at \(path): run the tests with ./scripts/test, which installs Debian's prometheus package")
            return
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["check", "metrics"]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        try SerialSpawn.run(process)
        input.fileHandleForWriting.write(Data(page.utf8))
        try input.fileHandleForWriting.close()
        let said = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "promtool check metrics: \(said)")
    }
}
