import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import WeirLog
import WeirModel
import WeirRules
import WeirTestSupport
import WeirTraffic

@testable import WeirService

/// The dashboard's traffic page on the real sample through the real router: filters from the
/// query, counts against the test's own, every linked row narrowing to exactly its requests, and
/// a filter that does not parse named.
struct DashboardTrafficTests {
    /// The sample's lines as (status, method, client, agent).
    static func sample() throws -> [(status: String, method: String, client: String, agent: String)] {
        try String(contentsOfFile: ExactAcrossRunsTests.samplePath, encoding: .utf8).split(separator: "\n").map { line in
            let quoted = line.split(separator: "\"", omittingEmptySubsequences: false)
            return (
                String(quoted[2].split(separator: " ").first ?? ""), String(quoted[1].split(separator: " ").first ?? ""),
                String(line.prefix { $0 != " " }), quoted.count > 5 ? String(quoted[5]) : ""
            )
        }
    }

    /// A file task on a copy of the real sample, in `harness`'s folder.
    static func sampleTask(
        _ harness: Harness,
        metrics: TrafficMetricsOptions = TrafficMetricsOptions()
    ) async throws -> (path: String, task: MonitoringTask) {
        let path = "\(harness.directory)/access.log"
        try FileManager.default.copyItem(atPath: ExactAcrossRunsTests.samplePath, toPath: path)
        var declared = MonitoringTask.onFile(
            path,
            format: "combined",
            name: "sample",
            frequency: 60,
            nextRunTime: Harness.start + 86_400,
            rules: TaskRules()
        )
        declared.trafficMetrics = metrics
        return (path, try await harness.store.createTask(declared, now: Harness.start))
    }

    /// The `requests` figure of a report page.
    static func requests(_ html: String) -> Int? {
        guard let end = html.range(of: "</div><div class=\"name\">requests</div>") else { return nil }
        return Int(html[..<end.lowerBound].split(separator: ">").last ?? "")
    }

    /// The link of the row named `name` in the panel titled `panel`, unescaped.
    static func rowLink(_ html: String, panel: String, name: String) -> String? {
        guard let start = html.range(of: "<h2>\(panel)</h2>") else { return nil }
        let section = html[start.upperBound...].prefix { $0 != "§" }.components(separatedBy: "</section>")[0]
        guard let row = section.range(of: "\">\(name)</a>") else { return nil }
        let href = section[..<row.lowerBound].components(separatedBy: "href=\"").last ?? ""
        return href.replacingOccurrences(of: "&amp;", with: "&")
    }

    @Test func filtersNarrowThePanelsAndEveryRowLinksToItsOwnRequests() async throws {
        let harness = try await Harness.make(token: DashboardTests.token)
        defer { harness.remove() }
        let (path, task) = try await Self.sampleTask(harness)
        let syslog = try await harness.store.createTask(
            MonitoringTask(
                name: "fleet",
                description: "",
                frequency: 60,
                nextRunTime: Harness.start + 86_400,
                target: .syslog(SyslogTarget(address: try .init("udp://127.0.0.1:5514"), format: "auto", hostnameAsVhost: false)),
                rules: TaskRules()
            ),
            now: Harness.start
        )
        let lines = try Self.sample()
        try await harness.withRouter { client in
            let cookie = try await DashboardTests.login(client)
            let base = "/ui/tasks/\(task.id)/traffic"

            let all = try await DashboardTests.page(client, base, cookie: cookie)
            #expect(all.status == .ok)
            #expect(Self.requests(all.text) == lines.count)

            let notFound = try await DashboardTests.page(client, base + "?filter=status%3D404", cookie: cookie)
            #expect(notFound.status == .ok)
            #expect(Self.requests(notFound.text) == lines.filter { $0.status == "404" }.count)
            #expect(notFound.text.contains("<code>status=404</code>"))
            #expect(notFound.text.contains("href=\"\(base)?\" aria-label=\"Remove status=404\""))

            // Rows link to the page narrowed by them as well: each count is the test's own.
            let get = try #require(Self.rowLink(notFound.text, panel: "Methods", name: "GET"))
            #expect(get == base + "?filter=status%3D404&filter=method%3DGET")
            let narrowed = try await DashboardTests.page(client, get, cookie: cookie)
            #expect(Self.requests(narrowed.text) == lines.filter { $0.status == "404" && $0.method == "GET" }.count)
            let top = try #require(lines.filter { $0.status == "404" }.map(\.client).mostCommon)
            let clientLink = try #require(Self.rowLink(notFound.text, panel: "Top client hosts", name: top))
            let byClient = try await DashboardTests.page(client, clientLink, cookie: cookie)
            #expect(Self.requests(byClient.text) == lines.filter { $0.status == "404" && $0.client == top }.count)

            // As a form sends it: `+` is a space, `%2B` a plus.
            let agent = try #require(lines.map(\.agent).first { $0.contains(" ") && !$0.contains("+") })
            let words = agent.split(separator: " ").prefix(2).joined(separator: " ")
            let formEncoded = "agent~" + words.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(.init(charactersIn: " ")))!
            let byAgent = try await DashboardTests.page(
                client,
                base + "?filter=" + formEncoded.replacingOccurrences(of: " ", with: "+").replacingOccurrences(of: "~", with: "%7E"),
                cookie: cookie
            )
            #expect(byAgent.status == .ok)
            #expect(Self.requests(byAgent.text) == lines.filter { $0.agent.lowercased().contains(words.lowercased()) }.count, "\(words)")
            let plus = try await DashboardTests.page(client, base + "?filter=path%3D%2Fa%2Bb", cookie: cookie)
            #expect(plus.text.contains("<code>path=/a+b</code>"), "\(plus.text)")

            let bad = try await DashboardTests.page(client, base + "?filter=statu%3D5", cookie: cookie)
            #expect(bad.status == .badRequest)
            #expect(bad.text.contains("&#39;statu&#39; is not a field"), "\(bad.text)")

            let other = try await DashboardTests.page(client, "/ui/tasks/\(syslog.id)/traffic", cookie: cookie)
            #expect(other.status == .ok)
            #expect(other.text.contains("id=\"traffic-problem\""))
            let taskPage = try await DashboardTests.page(client, "/ui/tasks/\(task.id)", cookie: cookie)
            #expect(taskPage.text.contains("href=\"\(base)\""))
        }
    }
}

extension DashboardTrafficTests {
    /// A task's declared routes give the page a Routes panel; a route's row links to the page
    /// narrowed to the paths it matches, whose count is the test's own.
    @Test func aTasksRoutesGetAPanelWhoseRowsNarrowToTheirPaths() async throws {
        let harness = try await Harness.make(token: DashboardTests.token)
        defer { harness.remove() }
        let routes = TrafficMetricsOptions(routes: ["/blog/**", "/images/*.png", "/**/*.png"].compactMap(URLPattern.init))
        let (path, task) = try await Self.sampleTask(harness, metrics: routes)
        let paths = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map {
            String($0.split(separator: "\"")[1].split(separator: " ")[1].prefix { $0 != "?" })
        }
        let blog = paths.filter { $0 == "/blog" || $0.hasPrefix("/blog/") }.count
        let images = paths.filter {
            !$0.hasPrefix("/blog/") && $0.hasPrefix("/images/") && $0.hasSuffix(".png") && $0.dropFirst(8).firstIndex(of: "/") == nil
        }.count
        try await harness.withRouter { client in
            let cookie = try await DashboardTests.login(client)
            let base = "/ui/tasks/\(task.id)/traffic"
            let page = try await DashboardTests.page(client, base, cookie: cookie)
            let panel = "Routes (each request under the first that matches)"
            #expect(page.text.contains("<h2>\(panel)</h2>"), "\(page.text)")
            let link = try #require(Self.rowLink(page.text, panel: panel, name: "/blog/**"))
            #expect(link == base + "?filter=route%3D/blog/**")
            let narrowed = try await DashboardTests.page(client, link, cookie: cookie)
            #expect(blog > 0 && Self.requests(narrowed.text) == blog)
            let imageLink = try #require(Self.rowLink(page.text, panel: panel, name: "/images/*.png"))
            let byImage = try await DashboardTests.page(client, imageLink, cookie: cookie)
            #expect(images > 0 && Self.requests(byImage.text) == images)
            // The third route overlaps the second: its row and its view hold the PNGs the second
            // did not take, and so does other hold the rest.
            let pngs = paths.filter { !$0.hasPrefix("/blog/") && $0.hasSuffix(".png") }.count
            let otherPNGs = try #require(Self.rowLink(page.text, panel: panel, name: "/**/*.png"))
            let byOtherPNGs = try await DashboardTests.page(client, otherPNGs, cookie: cookie)
            #expect(pngs > images && Self.requests(byOtherPNGs.text) == pngs - images)
            let other = try #require(Self.rowLink(page.text, panel: panel, name: "other"))
            let byOther = try await DashboardTests.page(client, other, cookie: cookie)
            #expect(Self.requests(byOther.text) == paths.count - blog - pngs)
            let undeclared = try await DashboardTests.page(client, base + "?filter=route%3D/api/**", cookie: cookie)
            #expect(undeclared.status == .badRequest)
            #expect(undeclared.text.contains("not one of the routes"), "\(undeclared.text)")
        }
    }
}

extension Array where Element: Hashable {
    /// The element seen most often (the first of those tied), or `nil` when empty.
    fileprivate var mostCommon: Element? {
        var counts: [Element: Int] = [:]
        for element in self { counts[element, default: 0] += 1 }
        return first { counts[$0] == counts.values.max() }
    }
}

extension DashboardTrafficTests {
    /// How many traffic page views `/metrics` counts with `outcome`.
    static func views(_ client: some TestClientProtocol, _ outcome: String) async throws -> Int {
        let page = try await client.execute(uri: "/metrics", method: .get).body
        let prefix = "weir_dashboard_traffic_views_total{outcome=\"\(outcome)\"} "
        let line = String(buffer: page).split(separator: "\n").first { $0.hasPrefix(prefix) }
        return try #require(line.flatMap { Int($0.dropFirst(prefix.count)) }, "no \(prefix)")
    }

    /// A view of a log that has not changed since the same view comes from memory; another
    /// filter is another analysis; a line appended makes the log read again (and counted); views
    /// asked at once share one analysis.
    @Test func anUnchangedLogIsNotReadAgainForTheSameView() async throws {
        let harness = try await Harness.make(token: DashboardTests.token)
        defer { harness.remove() }
        let (path, task) = try await Self.sampleTask(harness)
        let lines = try Self.sample()
        try await harness.withRouter { client in
            let cookie = try await DashboardTests.login(client)
            let base = "/ui/tasks/\(task.id)/traffic"
            for outcome in ServiceMetrics.trafficPageOutcomes { #expect(try await Self.views(client, outcome) == 0, "\(outcome)") }

            let first = try await DashboardTests.page(client, base, cookie: cookie)
            let again = try await DashboardTests.page(client, base, cookie: cookie)
            #expect(Self.requests(first.text) == lines.count)
            #expect(again.text == first.text)
            #expect(try await Self.views(client, "analysed") == 1)
            #expect(try await Self.views(client, "cached") == 1)

            let notFound = try await DashboardTests.page(client, base + "?filter=status%3D404", cookie: cookie)
            #expect(Self.requests(notFound.text) == lines.filter { $0.status == "404" }.count)
            #expect(try await Self.views(client, "analysed") == 2)

            try TestFile.append(path, #"192.0.2.7 - - [20/May/2015:21:05:59 +0000] "GET /new HTTP/1.1" 404 12 "-" "test""# + "\n")
            let grown = try await DashboardTests.page(client, base + "?filter=status%3D404", cookie: cookie)
            #expect(Self.requests(grown.text) == lines.filter { $0.status == "404" }.count + 1)
            // Only the appended line was read.
            #expect(try await Self.views(client, "extended") == 1)
            #expect(try await Self.views(client, "analysed") == 2)
            #expect(try await Self.views(client, "cached") == 1)

            async let a = DashboardTests.page(client, base + "?filter=method%3DGET", cookie: cookie)
            async let b = DashboardTests.page(client, base + "?filter=method%3DGET", cookie: cookie)
            async let c = DashboardTests.page(client, base + "?filter=method%3DGET", cookie: cookie)
            let together = try await [a, b, c].map { Self.requests($0.text) }
            #expect(together == Array(repeating: lines.filter { $0.method == "GET" }.count + 1, count: 3))
            #expect(try await Self.views(client, "analysed") == 3)
            #expect(try await Self.views(client, "joined") + Self.views(client, "cached") == 3)
            #expect(try await Self.views(client, "refused") == 0)
        }
    }
}
