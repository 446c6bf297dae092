import Foundation
import Testing
import WeirGenerator
import WeirLog
import WeirRules

@testable import WeirTraffic

/// The report on the real sample agrees with an independent count made with plain string
/// splitting, not with Weir's parser.
struct AnalyzerTests {
    static let samplePath = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/data/apache_logs").path

    struct IndependentCount {
        var lines = 0
        var status: [String: Int] = [:]
        var hosts: [String: Int] = [:]
        var methods: [String: Int] = [:]
        var bytes = 0
        var sections: [String: Int] = [:]
    }

    static func countIndependently() throws -> IndependentCount {
        var c = IndependentCount()
        let text = try String(contentsOfFile: samplePath, encoding: .utf8)
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) where !line.isEmpty {
            c.lines += 1
            let quoted = line.components(separatedBy: "\"")
            let request = quoted[1].split(separator: " ")
            let afterRequest = quoted[2].split(separator: " ")
            c.status[String(afterRequest[0]), default: 0] += 1
            c.bytes += Int(afterRequest[1]) ?? 0
            c.hosts[String(line.split(separator: " ")[0]), default: 0] += 1
            c.methods[String(request[0]), default: 0] += 1
            let path = request[1].split(separator: "?", omittingEmptySubsequences: false)[0]
            let firstSegment = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst().first ?? ""
            c.sections["/" + firstSegment, default: 0] += 1
        }
        return c
    }

    @Test func realSampleMatchesAnIndependentCount() throws {
        let expected = try Self.countIndependently()
        var analyzer = Analyzer(options: .init(top: 5))
        try analyzer.add(path: Self.samplePath)
        let report = analyzer.finish()
        #expect(expected.lines == 10_000)
        #expect(report.lines == expected.lines)
        #expect(report.parsed == 10_000)
        #expect(report.malformed == 0)
        #expect(report.status == expected.status)
        #expect(report.methods == expected.methods)
        #expect(report.bytes == Int64(expected.bytes))
        #expect(report.distinctHosts == expected.hosts.count)
        let topHosts = expected.hosts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(5)
        #expect(report.hosts.map(\.name) == topHosts.map(\.key))
        #expect(report.hosts.first == .init(name: "66.249.73.135", hits: 482))
        let topSections = expected.sections.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(5)
        #expect(report.sections.map(\.hits) == topSections.map(\.value))
        #expect(report.first == "2015-05-17T10:05:00Z")
        #expect(report.last == "2015-05-20T21:05:59Z")
        #expect(report.statusClasses["2xx"] == expected.status.filter { $0.key.hasPrefix("2") }.values.reduce(0, +))
    }

    /// `--route`: each request under the first declared route its path matches, the rest under
    /// `other`, with one thread and with two; against a count made with regular expressions.
    @Test func routesOnTheRealSampleMatchAnIndependentCount() throws {
        let routes = ["/images/*.png", "/presentations/**", "/blog/**", "/", "/**/*.css", "/articles/*/index.html"]
        let expressions = try routes.map { route in
            let segments = route.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map { segment in
                segment == "**"
                    ? "(/[^/]*)*" : "/" + NSRegularExpression.escapedPattern(for: String(segment)).replacingOccurrences(of: "\\*", with: "[^/]*")
            }
            return try NSRegularExpression(pattern: "^" + segments.joined() + "$")
        }
        var expected = [Int](repeating: 0, count: routes.count + 1)
        let text = try String(contentsOfFile: Self.samplePath, encoding: .utf8)
        for line in text.split(separator: "\n") {
            let target = String(line.components(separatedBy: "\"")[1].split(separator: " ")[1])
            let path = String(target.split(separator: "?", omittingEmptySubsequences: false)[0])
            let whole = NSRange(path.startIndex..., in: path)
            expected[expressions.firstIndex { $0.firstMatch(in: path, range: whole) != nil } ?? routes.count] += 1
        }
        #expect(expected.reduce(0, +) == 10_000 && expected.filter { $0 > 0 }.count >= 5, "\(expected)")
        for jobs in [1, 2] {
            var options = Analyzer.Options()
            options.routes = routes.compactMap(URLPattern.init)
            var analyzer = Analyzer(options: options)
            try analyzer.add(path: Self.samplePath, jobs: jobs, minimumSize: 0)
            let report = analyzer.finish()
            #expect(report.routes?.map(\.name) == routes + ["other"])
            #expect(report.routes?.map(\.hits) == expected, "jobs \(jobs)")
            #expect(report.renderText().contains("Routes (each request under the first that matches):"))
        }
        #expect(Analyzer(options: .init()).finish().routes == nil)
    }

    @Test func timeRangeAndMalformedLines() throws {
        let log = """
            1.1.1.1 - - [10/Oct/2000:13:00:00 +0000] "GET /a HTTP/1.1" 200 10 "-" "-"
            1.1.1.1 - - [10/Oct/2000:13:00:59 +0000] "GET /a HTTP/1.1" 200 10 "-" "-"
            broken line here
            2.2.2.2 - - [10/Oct/2000:13:01:00 +0000] "GET /b HTTP/1.1" 404 10 "-" "-"
            2.2.2.2 - - [10/Oct/2000:15:01:00 +0200] "GET /b HTTP/1.1" 404 10 "-" "-"
            3.3.3.3 - - [10/Oct/2000:13:02:00 +0000] "GET /c HTTP/1.1" 500 10 "-" "-"

            """
        var analyzer = Analyzer(options: .init(from: Timestamps.parse("2000-10-10T13:00:30Z"), to: Timestamps.parse("2000-10-10T13:02:00Z")))
        try analyzer.add(source: MemorySource(log), name: "t.log")
        let r = analyzer.finish()
        #expect(r.lines == 6)
        #expect(r.parsed == 5)
        #expect(r.malformed == 1)
        #expect(r.malformedLines == [.init(file: "t.log", line: 3, reason: "missing timestamp at column 17")])
        #expect(r.outsideTimeRange == 2)
        #expect(r.requests == 3)
        #expect(r.peakMinute == .init(minute: "2000-10-10T13:01:00Z", hits: 2))
        #expect(r.status == ["200": 1, "404": 2])
    }

    @Test func everyGeneratedLineParsesBack() throws {
        for format in TrafficGenerator.Format.allCases {
            for profile in TrafficProfile.allCases {
                var generator = TrafficGenerator(format: format, profile: profile, seed: 42, utcOffset: 3600)
                var bytes: [UInt8] = []
                for i in 0..<3000 { generator.appendLine(timestamp: 1_700_000_000 + Int64(i / 10), elapsed: Int64(i / 10), to: &bytes) }
                var analyzer = Analyzer(options: .init())
                try analyzer.add(source: MemorySource(bytes), name: "\(format)-\(profile)")
                let r = analyzer.finish()
                #expect(r.parsed == 3000, "\(format) \(profile): \(r.malformedLines)")
                #expect(r.inputs.first?.format == format.rawValue)
                #expect(r.first == Timestamps.rfc3339(1_700_000_000))
            }
        }
    }
}
