import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import WeirModel
import WeirRules
import WeirService
import WeirTestSupport
import WeirTraffic

/// The traffic families of `/metrics` against counts this test makes itself from the lines it
/// writes: requests and bytes per task, virtual host, method and status, the duration histogram
/// (`+Inf` equal to `_count`), malformed lines; added up over runs, the same after a restart,
/// accepted by promtool, and folded past the series cap.
struct TrafficMetricsTests {
    static let format = #"$host $remote_addr - - [$time_local] "$request" $status $body_bytes_sent $request_time"#

    /// `count` lines from `from`, and what they add to each series and duration bucket.
    static func lines(_ count: Int, from: Int) -> (text: String, series: [String: (Int64, Int64)], durations: [Double]) {
        let hosts = ["shop.example.com", "api.example.com", "weird\"host"]
        let methods = ["GET", "GET", "POST", "HEAD", "PURGE", "DELETE"]
        let statuses = [200, 200, 301, 404, 500, 503]
        var text = ""
        var series: [String: (Int64, Int64)] = [:]
        var durations: [Double] = []
        for i in from..<(from + count) {
            let (host, method, status, bytes) = (hosts[i % 3], methods[i % 6], statuses[i % 5], Int64(i % 1_000))
            let duration = [0.001, 0.004, 0.02, 0.3, 1.5, 7.0, 45.0, 120.0][i % 8]
            text += "\(host) 10.0.0.\(i % 200) - - [15/Jan/2027:07:00:00 +0000] \"\(method) /p/\(i) HTTP/1.1\" \(status) \(bytes) \(duration)\n"
            let label =
                #"vhost="\#(host.replacingOccurrences(of: "\"", with: "\\\""))",method="\#(method == "PURGE" ? "OTHER" : method)",status="\#(status)""#
            series[label, default: (0, 0)].0 += 1
            series[label, default: (0, 0)].1 += bytes
            durations.append(duration)
        }
        return (text, series, durations)
    }

    func task(_ harness: Harness, _ path: String) async throws -> MonitoringTask {
        try await harness.store.createTask(
            MonitoringTask(
                name: "metrics",
                description: "",
                frequency: 3_600,
                nextRunTime: Harness.start + 86_400,
                target: .file(path: path, format: Self.format),
                rules: try TaskRules(properties: .object([:]))
            ),
            now: Harness.start
        )
    }

    static func page(_ harness: Harness) async throws -> String {
        let app = Application(router: harness.server.makeRouter())
        return try await app.test(.router) { client in try await client.request(.get, "/metrics").text }
    }

    @Test func trafficIsCountedExactlyOverRunsAndRestarts() async throws {
        let harness = try await Harness.make()
        let path = "\(harness.directory)/access.log"
        let first = Self.lines(500, from: 0)
        let second = Self.lines(300, from: 500)
        try TestFile.append(path, first.text + "not a log line\n")
        let metered = try await task(harness, path)
        try await harness.withCoordinator {
            #expect(try await harness.runNow(metered.id).linesRead == 501)
            try TestFile.append(path, second.text)
            #expect(try await harness.runNow(metered.id).linesRead == 300)
        }
        var series = first.series
        for (label, count) in second.series {
            series[label, default: (0, 0)].0 += count.0
            series[label, default: (0, 0)].1 += count.1
        }
        let durations = first.durations + second.durations
        let page = try await Self.page(harness)
        let t = "task=\"\(metered.id)\""
        for (label, count) in series {
            #expect(page.contains("weir_traffic_requests_total{\(t),\(label)} \(count.0)\n"), "\(label)")
            #expect(page.contains("weir_traffic_response_bytes_total{\(t),\(label)} \(count.1)\n"), "\(label)")
        }
        #expect(page.components(separatedBy: "weir_traffic_requests_total{\(t),").count - 1 == series.count)
        for bound in ["0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5", "10", "30", "60"] {
            let within = durations.filter { $0 <= Double(bound)! }.count
            #expect(page.contains("weir_traffic_request_duration_seconds_bucket{\(t),le=\"\(bound)\"} \(within)\n"), "le \(bound)")
        }
        #expect(page.contains("weir_traffic_request_duration_seconds_bucket{\(t),le=\"+Inf\"} 800\n"))
        #expect(page.contains("weir_traffic_request_duration_seconds_count{\(t)} 800\n"))
        let sum = durations.reduce(0, +)
        #expect(page.contains("weir_traffic_request_duration_seconds_sum{\(t)} \(Self.trimmed(sum))\n"), "sum \(sum)")
        #expect(page.contains("weir_traffic_malformed_lines_total{\(t)} 1\n"))
        #expect(page.contains("weir_traffic_folded_requests_total{\(t)} 0\n"))
        #expect(page.contains("weir_task_info{\(t),name=\"metrics\"} 1\n"))
        #expect(page.contains("weir_build_info{version="))
        try MetricsTests.promtool(page)
        try await harness.store.close()

        // A restart: a new service over the same database shows the same traffic.
        let restarted = try await Harness.make(directory: harness.directory)
        defer { restarted.remove() }
        let again = try await Self.page(restarted)
        #expect(Self.traffic(again) == Self.traffic(page))
        try await restarted.store.close()
    }

    @Test func seriesPastTheCapAreFoldedAndCounted() async throws {
        let harness = try await Harness.make()
        defer { harness.remove() }
        let path = "\(harness.directory)/access.log"
        let extra = 40
        var text = ""
        for i in 0..<(TrafficCounts.seriesCap + extra) {
            text += "h\(i).example.com 10.0.0.1 - - [15/Jan/2027:07:00:00 +0000] \"GET / HTTP/1.1\" 200 10 0.01\n"
        }
        try TestFile.append(path, text)
        let metered = try await task(harness, path)
        try await harness.withCoordinator { _ = try await harness.runNow(metered.id) }
        let page = try await Self.page(harness)
        let t = "task=\"\(metered.id)\""
        #expect(page.contains("weir_traffic_folded_requests_total{\(t)} \(extra)\n"))
        #expect(page.contains("weir_traffic_requests_total{\(t),vhost=\"other\",method=\"OTHER\",status=\"other\"} \(extra)\n"))
        #expect(page.components(separatedBy: "weir_traffic_requests_total{\(t),").count - 1 == TrafficCounts.seriesCap + 1)
        try await harness.store.close()
    }

    /// The traffic families' sample lines.
    static func traffic(_ page: String) -> [Substring] {
        page.split(separator: "\n").filter { $0.hasPrefix("weir_traffic_") }
    }

    static func trimmed(_ value: Double) -> String {
        var text = String(format: "%.6f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}
