import Foundation
import Testing
import WeirCore
import WeirLog

@testable import WeirTraffic

/// The panels of `weir analyze` (visitors per day, hours, 404s, user agents, referrers, response
/// times) on the real sample agree with counts made by plain string splitting, not with Weir's
/// parser; the user-agent classifier is held to real agents of the sample.
struct PanelTests {
    /// Each sample line's client, day, hour, status, path, referrer and agent, split by hand.
    static func sampleFields() throws -> [(client: String, day: String, hour: Int, status: String, path: String, referrer: String, agent: String)] {
        let text = try String(contentsOfFile: AnalyzerTests.samplePath, encoding: .utf8)
        return text.split(separator: "\n").map { line in
            let quoted = line.split(separator: "\"", omittingEmptySubsequences: false)
            let time = line.split(separator: "[")[1].split(separator: "]")[0]  // 17/May/2015:10:05:03 +0000
            let request = quoted[1].split(separator: " ")
            let status = quoted[2].split(separator: " ")[0]
            let path = request.count > 1 ? String(request[1].split(separator: "?", omittingEmptySubsequences: false)[0]) : "-"
            return (
                String(line.split(separator: " ")[0]), String(time.prefix(11)), Int(time.dropFirst(12).prefix(2))!,
                String(status), path, String(quoted[3]), String(quoted[5])
            )
        }
    }

    static func report(top: Int = 1_000) throws -> AnalyzeReport {
        var analyzer = Analyzer(options: .init(top: top))
        try analyzer.add(path: AnalyzerTests.samplePath)
        return analyzer.finish()
    }

    @Test func theSamplesPanelsAgreeWithAnIndependentCount() throws {
        let fields = try Self.sampleFields()
        let r = try Self.report()
        #expect(fields.count == 10_000 && r.requests == 10_000)
        // Visitors: distinct (client, day, agent) per day.
        let visitors = Dictionary(grouping: fields, by: \.day).mapValues { Set($0.map { "\($0.client) \($0.agent)" }).count }
        #expect(r.visitors == visitors.values.reduce(0, +))
        #expect(r.days.map(\.visitors) == visitors.sorted { $0.key < $1.key }.map(\.value), "\(r.days)")  // 17–20 May sort as text
        #expect(r.days.map(\.hits).reduce(0, +) == 10_000)
        // Hours of the day (the sample is in +0000).
        let hours = Dictionary(grouping: fields, by: \.hour).mapValues(\.count)
        #expect(r.hours.map(\.hits) == (0..<24).map { hours[$0] ?? 0 })
        // 404s by path.
        let notFound = Dictionary(grouping: fields.filter { $0.status == "404" }, by: \.path).mapValues(\.count)
        #expect(Dictionary(uniqueKeysWithValues: r.notFound.map { ($0.name, $0.hits) }) == notFound)
        // Referrers ("-" is none) and referring sites.
        let referrers = Dictionary(grouping: fields.filter { $0.referrer != "-" }, by: \.referrer).mapValues(\.count)
        #expect(Dictionary(uniqueKeysWithValues: r.referrers.map { ($0.name, $0.hits) }) == referrers)
        let sites = Dictionary(grouping: fields.filter { $0.referrer.hasPrefix("http") }, by: { $0.referrer.split(separator: "/")[1] }).mapValues(
            \.count
        )
        #expect(r.referringSites.first { $0.name == "www.semicomplete.com" }?.hits == sites["www.semicomplete.com"])
        // Crawlers: every line whose agent names Googlebot is Googlebot's.
        #expect(r.crawlers.first { $0.name == "Googlebot" }?.hits == fields.filter { $0.agent.contains("Googlebot") }.count)
        #expect(r.browsers.map(\.hits).reduce(0, +) == 10_000 && r.operatingSystems.map(\.hits).reduce(0, +) == 10_000)
        #expect(r.virtualHosts.isEmpty && r.responseTimes == nil, "the combined format has neither")
        let text = r.renderText()
        for title in [
            "Unique visitors per day", "Requests per hour of day", "404s by path", "Browsers", "Operating systems", "Crawlers", "Referring sites",
        ] {
            #expect(text.contains("\n\(title)"), "\(title)")
        }
        #expect(try Self.report(top: 3).browsers.count == 3, "--top bounds every list")
    }

    @Test(
        arguments: [
            (
                "Mozilla/5.0 (iPhone; CPU iPhone OS 6_0 like Mac OS X) AppleWebKit/536.26 (KHTML, like Gecko) Version/6.0 Mobile/10A5376e Safari/8536.25 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
                "Crawlers", "Crawlers", "Googlebot"
            ),
            (
                "Mozilla/5.0 (Windows NT 6.1; WOW64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/32.0.1700.107 Safari/537.36", "Chrome",
                "Windows 7", nil
            ),
            (
                "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_9_1) AppleWebKit/537.73.11 (KHTML, like Gecko) Version/7.0.1 Safari/537.73.11", "Safari",
                "macOS", nil
            ),
            ("Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:27.0) Gecko/20100101 Firefox/27.0", "Firefox", "Linux", nil),
            (
                "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Ubuntu Chromium/32.0.1700.102 Chrome/32.0.1700.102 Safari/537.36",
                "Chromium", "Linux", nil
            ),
            (
                "Mozilla/5.0 (compatible; MSIE 9.0; Windows NT 6.1; WOW64; Trident/5.0; chromeframe/19.0.1084.52)", "Internet Explorer", "Windows 7",
                nil
            ),
            ("Mozilla/4.0 (compatible; MSIE 6.0; Windows NT 5.1; SV1)", "Internet Explorer", "Windows XP", nil),
            ("Mozilla/5.0 (iPhone; CPU iPhone OS 7_0_4 like Mac OS X) AppleWebKit/537.51.1 (KHTML, like Gecko) Mobile/11B554a", "Others", "iOS", nil),
            ("UniversalFeedParser/4.2-pre-314-svn +http://feedparser.org/", "Feeds", "Unknown", nil),
            ("Tiny Tiny RSS/1.11 (http://tt-rss.org/)", "Feeds", "Unknown", nil),
            ("Chef Client/10.18.2 (ruby-1.9.3-p327; ohai-6.16.0; x86_64-linux; +http://opscode.com)", "HTTP libraries", "Linux", nil),
            ("Wget/1.14 (linux-gnu)", "HTTP libraries", "Linux", nil),
            ("Mozilla/5.0 (compatible; Yahoo! Slurp; http://help.yahoo.com/help/us/ysearch/slurp)", "Crawlers", "Crawlers", "Yahoo! Slurp"),
            ("msnbot/2.0b (+http://search.msn.com/msnbot.htm)", "Crawlers", "Crawlers", "MSNBot"),
            ("Mozilla/5.0 (compatible; archive.org_bot +http://www.archive.org/details/archive.org_bot)", "Crawlers", "Crawlers", "archive.org"),
            ("Mozilla/5.0 (compatible; SomeNewBot/0.3; +https://example.org/bot)", "Crawlers", "Crawlers", "SomeNewBot"),
            ("-", "Unknown", "Unknown", nil),
        ] as [(String, String, String, String?)]
    )
    func realAgentsAreClassified(agent: String, browser: String, system: String, crawler: String?) {
        let kind = UserAgentClass(agent)
        #expect(kind == UserAgentClass(browser: browser, operatingSystem: system, crawler: crawler), "\(agent)")
    }

    /// A Windows version is read after the classifier's byte search finds `windows nt `.
    @Test func aWindowsVersionIsReadAfterItsToken() {
        #expect(UserAgentClass(browser: "Others", operatingSystem: "Windows 10/11", crawler: nil) == UserAgentClass("Foo/1 (Windows NT 10.0; Win64)"))
    }

    @Test func responseTimesAreExactOrWithinOnePercent() throws {
        // %D (microseconds): path /slow takes 100–199 ms, the rest 1–50 ms.
        var lines: [String] = []
        var all: [Int64] = []
        for i in 0..<5_000 {
            let slow = i % 10 == 0
            let micros: Int64 = slow ? Int64(100_000 + (i * 37) % 100_000) : Int64(1_000 + (i * 7_919) % 49_000)
            all.append(micros)
            let second = i % 60 < 10 ? "0\(i % 60)" : "\(i % 60)"
            let path = slow ? "/slow" : "/p\(i % 30)"
            lines.append(#"10.0.0.\#(i % 200) - - [17/May/2015:10:05:\#(second) +0000] "GET \#(path) HTTP/1.1" 200 512 \#(micros)"#)
        }
        var analyzer = Analyzer(options: .init(format: try LogFormat.apache(#"%h %l %u %t "%r" %>s %b %D"#)))
        try analyzer.add(source: MemorySource(lines.joined(separator: "\n") + "\n"), name: "timed")
        let t = try #require(analyzer.finish().responseTimes)
        let sorted = all.sorted()
        #expect(t.requests == 5_000)
        #expect(t.meanMs == (Double(all.reduce(0, +)) / 5_000).rounded() / 1000)
        #expect(t.maxMs == Double(sorted.last!) / 1000)
        for (q, value) in [(0.5, t.p50Ms), (0.95, t.p95Ms), (0.99, t.p99Ms)] {
            let exact = Double(sorted[Int((q * 5_000).rounded(.up)) - 1]) / 1000
            #expect(abs(value - exact) <= exact * 0.01 + 0.001, "p\(Int(q * 100)): \(value) against \(exact)")
        }
        #expect(t.slowestPaths.first?.name == "/slow" && t.slowestPaths.first?.hits == 500)
    }
}
