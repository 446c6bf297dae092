import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import WeirModel
import WeirRules
import WeirService
import WeirSources
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
                #"vhost="\#(host.replacingOccurrences(of: "\"", with: "\\\""))",method="\#(method == "PURGE" ? "OTHER" : method)",status="\#(status)",route="other""#
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

    /// The run's own thread counting, or (`pipelined`) the parsing threads, which count a chunk
    /// each, even for a small file.
    static func sources(pipelined: Bool) -> SourceContext? {
        guard pipelined else { return nil }
        var sources = SourceContext(vault: nil)
        sources.parsingThreads = 2
        sources.pipelinedMinimum = 1
        return sources
    }

    @Test(arguments: [false, true])
    func trafficIsCountedExactlyOverRunsAndRestarts(pipelined: Bool) async throws {
        let harness = try await Harness.make(sources: Self.sources(pipelined: pipelined))
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

    @Test(arguments: [false, true])
    func seriesPastTheCapAreFoldedAndCounted(pipelined: Bool) async throws {
        let harness = try await Harness.make(sources: Self.sources(pipelined: pipelined))
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
        #expect(page.contains("weir_traffic_requests_total{\(t),vhost=\"other\",method=\"OTHER\",status=\"other\",route=\"other\"} \(extra)\n"))
        #expect(page.components(separatedBy: "weir_traffic_requests_total{\(t),").count - 1 == TrafficCounts.seriesCap + 1)
        try await harness.store.close()
    }

    /// A task made through the API with `routes` and `duration_buckets`: each request is labelled
    /// with the first route its path matches (query ignored) or `other`, its duration counted in
    /// the task's buckets; a PATCH to other buckets starts the histogram again, the series go on.
    /// With detection on, the run reads routes by the features' target ids on its own thread;
    /// with it off (`pipelined`), the parsing threads count the traffic with their own table.
    @Test(arguments: [false, true])
    func routesAndBucketsDeclaredByTheTaskShapeItsSeries(pipelined: Bool) async throws {
        let harness = try await Harness.make(sources: Self.sources(pipelined: pipelined))
        defer { harness.remove() }
        let path = "\(harness.directory)/access.log"
        try await harness.withRouter { client in
            let body =
                #"{"name":"routes","task_frequency":3600,"next_run_time":"2027-01-16T08:00:00Z","#
                + #""target_data":{"type":"file","path":"\#(path)","format":"\#(Self.format.replacingOccurrences(of: "\"", with: "\\\""))"},"#
                + #""properties":{},"routes":["/api/users/*","/**/*.css","/api/**"],"duration_buckets":[0.01,1,60],"#
                + #""detection":{"enabled":\#(!pipelined)}}"#
            let created = try await client.request(.post, "/tasks", body)
            #expect(created.status == .created, "\(created.text)")
            #expect(created.json["routes"] == .array([.string("/api/users/*"), .string("/**/*.css"), .string("/api/**")]))
            #expect(created.json["duration_buckets"] == .array([.number(0.01), .number(1), .number(60)]))
            let id = try #require(created.json["id"]?.numberValue.map { Int64($0) })
            let t = "task=\"\(id)\""

            let first = try Self.routedLines(path, 120, from: 0)
            #expect(try await harness.runNow(id).linesRead == 120)
            var page = try await client.request(.get, "/metrics").text
            for (route, count) in first.routes {
                let series = "weir_traffic_requests_total{\(t),vhost=\"shop.example.com\",method=\"GET\",status=\"200\",route=\"\(route)\"}"
                #expect(page.contains("\(series) \(count)\n"), "\(route)")
            }
            #expect(page.components(separatedBy: "weir_traffic_requests_total{\(t),").count - 1 == first.routes.count)
            for bound in [0.01, 1, 60] {
                let within = first.durations.filter { $0 <= bound }.count
                #expect(page.contains("weir_traffic_request_duration_seconds_bucket{\(t),le=\"\(Self.trimmed(bound))\"} \(within)\n"), "\(bound)")
            }
            #expect(page.contains("weir_traffic_request_duration_seconds_bucket{\(t),le=\"+Inf\"} 120\n"))
            #expect(!page.contains("weir_traffic_request_duration_seconds_bucket{\(t),le=\"0.005\"}"))
            try MetricsTests.promtool(page)

            let patched = try await client.request(.patch, "/tasks/\(id)", #"{"duration_buckets":[0.5,5]}"#)
            #expect(patched.status == .ok, "\(patched.text)")
            let second = try Self.routedLines(path, 40, from: 120)
            #expect(try await harness.runNow(id).linesRead == 40)
            page = try await client.request(.get, "/metrics").text
            for (route, count) in first.routes.merging(second.routes, uniquingKeysWith: +) {
                #expect(page.contains("route=\"\(route)\"} \(count)\n"), "\(route) after the patch")
            }
            for bound in [0.5, 5] {
                let within = second.durations.filter { $0 <= bound }.count
                #expect(page.contains("weir_traffic_request_duration_seconds_bucket{\(t),le=\"\(Self.trimmed(bound))\"} \(within)\n"), "\(bound)")
            }
            #expect(page.contains("weir_traffic_request_duration_seconds_count{\(t)} 40\n"))
            #expect(!page.contains("weir_traffic_request_duration_seconds_bucket{\(t),le=\"0.01\"}"))
        }
    }

    /// Appends `count` lines to `path`, and gives the requests each route should count (worked
    /// out by hand: the first of `/api/users/*`, `/**/*.css`, `/api/**` that the path matches,
    /// the query ignored) and the durations.
    static func routedLines(_ path: String, _ count: Int, from: Int) throws -> (routes: [String: Int], durations: [Double]) {
        let targets = ["/api/users/17", "/api/users/17/orders", "/api/users/9?page=2", "/static/css/site.css", "/", "/api/items"]
        let expected = ["/api/users/*", "/api/**", "/api/users/*", "/**/*.css", "other", "/api/**"]
        var text = ""
        var routes: [String: Int] = [:]
        var durations: [Double] = []
        for i in from..<(from + count) {
            let duration = [0.004, 0.3, 2.0, 90.0][i % 4]
            text += "shop.example.com 10.0.0.1 - - [15/Jan/2027:07:00:00 +0000] \"GET \(targets[i % 6]) HTTP/1.1\" 200 10 \(duration)\n"
            routes[expected[i % 6], default: 0] += 1
            durations.append(duration)
        }
        try TestFile.append(path, text)
        return (routes, durations)
    }

    /// `routes` and `duration_buckets` that cannot be used get a message each.
    @Test func badRoutesAndBucketsAreNamed() async throws {
        let harness = try await Harness.make()
        defer { harness.remove() }
        let task = Harness.taskBody(path: "\(harness.directory)/a.log").dropLast()
        try await harness.withRouter { client in
            let bad = try await client.request(.post, "/tasks", task + #","routes":["/a/*","api","/a/*",7],"duration_buckets":[1,0.5]}"#)
            #expect(bad.status == .unprocessableContent)
            let fields = Harness.errorFields(bad)
            #expect(fields["routes[1]"]?.contains("starting with /") == true, "\(fields)")
            #expect(fields["routes[2]"]?.contains("given twice") == true, "\(fields)")
            #expect(fields["routes[3]"] != nil, "\(fields)")
            #expect(fields["duration_buckets[1]"]?.contains("greater than the bound before it (1)") == true, "\(fields)")
            let empty = try await client.request(.post, "/tasks", task + #","duration_buckets":[]}"#)
            #expect(Harness.errorFields(empty)["duration_buckets"] != nil)
        }
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
