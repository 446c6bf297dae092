import Foundation
import Testing
import WeirLog
import WeirRules
import WeirTraffic

/// `weir analyze --filter` on the real sample, against counts this test makes itself from the
/// lines with plain string handling, with one thread and with several.
struct FilterTests {
    /// One Combined line in the fields a filter looks at.
    struct Line {
        var client: String
        var method: String
        var path: String
        var status: Int
        var referrer: String
        var agent: String

        init?(_ text: Substring) {
            let quoted = text.split(separator: "\"", omittingEmptySubsequences: false)
            guard quoted.count >= 6 else { return nil }
            let request = quoted[1].split(separator: " ")
            let after = quoted[2].split(separator: " ")
            guard request.count >= 2, let status = Int(after.first ?? "") else { return nil }
            client = String(text.prefix { $0 != " " })
            method = String(request[0])
            path = String(request[1].prefix { $0 != "?" })
            self.status = status
            referrer = String(quoted[3])
            agent = String(quoted[5])
        }
    }

    static let samplePath = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/data/apache_logs").path

    static func inRange(_ client: String, _ prefix: [Int], bits: Int) -> Bool {
        let parts = client.split(separator: ".").compactMap { Int($0) }
        guard parts.count == 4 else { return false }
        let value = parts.reduce(0) { $0 << 8 | $1 }
        let network = prefix.reduce(0) { $0 << 8 | $1 } << (8 * (4 - prefix.count))
        return value >> (32 - bits) == network >> (32 - bits)
    }

    static let cases: [(filters: [String], keep: @Sendable (Line) -> Bool)] = [
        (["status=4xx"], { $0.status / 100 == 4 }),
        (["status=404", "method=get"], { $0.status == 404 && $0.method == "GET" }),
        (["status!=2xx"], { $0.status / 100 != 2 }),
        (["agent~BOT"], { $0.agent.lowercased().contains("bot") }),
        (
            ["agent!~bot", "path=/presentations/**"],
            { !$0.agent.lowercased().contains("bot") && ($0.path == "/presentations" || $0.path.hasPrefix("/presentations/")) }
        ),
        (["path=/images/*.png"], { $0.path.hasPrefix("/images/") && $0.path.hasSuffix(".png") && $0.path.dropFirst(8).firstIndex(of: "/") == nil }),
        (["client=66.249.73.0/24"], { inRange($0.client, [66, 249, 73], bits: 24) }),
        (
            ["client!=66.0.0.0/8", "referrer~semicomplete"],
            { !inRange($0.client, [66], bits: 8) && $0.referrer.lowercased().contains("semicomplete") }
        ),
        (["referrer=-"], { $0.referrer == "-" }),
    ]

    @Test(arguments: 0..<cases.count, [1, 3])
    func filtersCountWhatAPlainCountFinds(index: Int, jobs: Int) throws {
        let (filters, keep) = Self.cases[index]
        let lines = try String(contentsOfFile: Self.samplePath, encoding: .utf8).split(separator: "\n").compactMap(Line.init)
        #expect(lines.count == 10_000)
        let expected = lines.filter(keep).count
        var options = Analyzer.Options()
        options.filters = try filters.map { try RequestFilter($0) }
        var analyzer = Analyzer(options: options)
        try analyzer.add(path: Self.samplePath, jobs: jobs, minimumSize: 1)
        let report = analyzer.finish()
        #expect(report.requests == expected, "\(filters)")
        #expect(report.requests + report.filteredOut == 10_000)
        #expect(report.filters == filters)
        #expect(expected > 0 && expected < 10_000, "\(filters) should keep some lines and leave some out")
    }

    @Test func vhostFiltersTakeAnyCaseAndLeaveOutLinesWithoutOne() throws {
        let lines =
            [
                #"shop.example.com:443 10.0.0.1 - - [15/Jan/2027:07:00:00 +0000] "GET / HTTP/1.1" 200 5 "-" "a""#,
                #"Shop.Example.com:443 10.0.0.2 - - [15/Jan/2027:07:00:01 +0000] "GET / HTTP/1.1" 200 5 "-" "a""#,
                #"api.example.com:443 10.0.0.3 - - [15/Jan/2027:07:00:02 +0000] "GET / HTTP/1.1" 200 5 "-" "a""#,
            ].joined(separator: "\n") + "\n"
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("weir-filter-\(UUID().uuidString).log").path
        try Data(lines.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        for (filter, expected) in [("vhost=shop.example.com", 2), ("vhost!=shop.example.com", 1), ("vhost~EXAMPLE", 3), ("vhost~shop", 2)] {
            var options = Analyzer.Options()
            options.filters = [try RequestFilter(filter)]
            var analyzer = Analyzer(options: options)
            try analyzer.add(path: path)
            #expect(analyzer.finish().requests == expected, "\(filter)")
        }
    }

    @Test(arguments: [
        ("stat=4", "'stat' is not a field"), ("status=6xx", "a status is a code"), ("status~5", "takes = or !="),
        ("client=10.0.0.0/33", "CIDR range"), ("path=api/**", "starts with /"), ("vhost", "write vhost=VALUE"), ("agent=", "give a value"),
    ])
    func badFiltersSayWhatIsWrong(text: String, says: String) {
        #expect(throws: RequestFilterError.self) { try RequestFilter(text) }
        do { _ = try RequestFilter(text) } catch { #expect(error.description.contains(says), "\(error)") }
    }
}

extension FilterTests {
    /// Overlapping routes: `route=` keeps exactly the requests the Routes panel counts under that
    /// route (first match), `other` included, and `route!=` the rest; a route that is not declared
    /// is named as such.
    @Test(arguments: [1, 3]) func routeFiltersKeepExactlyTheirRowOfTheRoutesPanel(jobs: Int) throws {
        let routes = ["/images/*.png", "/**/*.png", "/presentations/**", "/**"].compactMap(URLPattern.init)
        func report(_ filters: [String]) throws -> AnalyzeReport {
            var options = Analyzer.Options()
            options.routes = routes
            options.filters = try filters.map { try RequestFilter($0) }
            var analyzer = Analyzer(options: options)
            try analyzer.add(path: Self.samplePath, jobs: jobs, minimumSize: 1)
            return analyzer.finish()
        }
        let rows = try #require(try report([]).routes)
        #expect(rows.map(\.name) == routes.map(\.description) + ["other"])
        #expect(rows.reduce(0) { $0 + $1.hits } == 10_000)
        #expect(rows.dropLast().allSatisfy { $0.hits > 0 })
        for row in rows {
            #expect(try report(["route=\(row.name)"]).requests == row.hits, "\(row.name)")
            #expect(try report(["route!=\(row.name)"]).requests == 10_000 - row.hits, "\(row.name)")
        }
        // The second route alone would keep more: it overlaps the first.
        #expect(try report(["path=/**/*.png"]).requests > rows[1].hits)

        let unknown = RequestFilter.unknownRoute(in: [try RequestFilter("route=/blog/**")], routes: routes)
        #expect(
            unknown?.description.contains("not one of the routes (the routes are /images/*.png, /**/*.png") == true,
            "\(String(describing: unknown))"
        )
        #expect(RequestFilter.unknownRoute(in: [try RequestFilter("route=other")], routes: []) == nil)
        #expect(RequestFilter.unknownRoute(in: [try RequestFilter("route=/a")], routes: [])?.description.contains("no routes are declared") == true)
        #expect(throws: RequestFilterError.self) { try RequestFilter("route~png") }
        #expect(throws: RequestFilterError.self) { try RequestFilter("route=png") }
    }

    /// `path=` compares the path as the panels count it: an absolute form's scheme and host, the
    /// query and the fragment are not part of it; a target that is no path matches no `path=`.
    @Test func pathFiltersSeeThePathThePanelsCount() throws {
        let targets = ["/a/1", "http://h.example/a/2?x", "/a/3#frag", "https://h.example", "*", "/b/a/1"]
        let lines =
            targets.enumerated().map { k, target in
                #"10.0.0.\#(k) - - [15/Jan/2027:07:00:0\#(k) +0000] "GET \#(target) HTTP/1.1" 200 5 "-" "a""#
            }.joined(separator: "\n") + "\n"
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("weir-filter-\(UUID().uuidString).log").path
        try Data(lines.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        for (filter, expected) in [("path=/a/*", 3), ("path=/", 1), ("path!=/a/*", 3), ("path=/**", 5)] {
            var options = Analyzer.Options(format: try LogFormat.parse("combined"))
            options.filters = [try RequestFilter(filter)]
            var analyzer = Analyzer(options: options)
            try analyzer.add(path: path)
            #expect(analyzer.finish().requests == expected, "\(filter)")
        }
    }
}
