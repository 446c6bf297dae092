import Foundation
import Testing
import WeirLog

@testable import WeirRules

/// Feeds lines through the real parser into the evaluator.
func evaluate(_ rules: TaskRules, lines: [String], format: LogFormat = .combined) -> RuleOutcome {
    var evaluator = RuleEvaluator(rules: rules)
    let parser = LineParser(format: format)
    var parsed = ParsedLine()
    for line in lines {
        var bytes = Array(line.utf8)
        bytes.withUnsafeMutableBytes { raw in
            let buffer = UnsafeRawBufferPointer(raw)
            if parser.parse(buffer, into: &parsed) == nil { evaluator.add(parsed, line: buffer) }
        }
    }
    return evaluator.finish()
}

/// A combined-format line at `second` seconds after 2026-01-01T00:00:00Z.
func line(_ client: String, _ second: Int, path: String = "/index.html") -> String {
    let minute = second / 60
    let s = second % 60
    let time = String(format: "01/Jan/2026:00:%02d:%02d +0000", minute, s)
    return "\(client) - - [\(time)] \"GET \(path) HTTP/1.1\" 200 512 \"-\" \"test\""
}

let base: Int64 = 1_767_225_600  // 2026-01-01T00:00:00Z

struct RuleEvaluatorTests {
    @Test func oneFindingPerBurstWithPeakAndTimes() throws {
        let rules = try TaskRules(properties: .object(["average_requests_per_time_interval": .object(["10": .number(20)])]))
        var lines: [String] = []
        for s in 0..<100 { lines.append(line("10.0.0.\(s % 7)", s)) }  // 1 per second: never over
        for s in 200..<205 { for _ in 0..<6 { lines.append(line("10.0.0.1", s)) } }  // 30 in 5 s
        for s in 205..<230 { lines.append(line("10.0.0.2", s)) }
        for s in 600..<603 { for _ in 0..<10 { lines.append(line("10.0.0.3", s)) } }  // 30 in 3 s
        let outcome = evaluate(rules, lines: lines)
        #expect(outcome.findings.count == 2)
        let first = outcome.findings[0]
        #expect(first.rule == "average_requests_per_time_interval")
        #expect(first.client == nil)
        // The window (199, 209] holds 30 + 5 = 35: the peak. It first goes over at second 203
        // (24 requests since second 200) and last at 211: (201, 211] holds 3 × 6 + 7 = 25, while
        // (202, 212] holds 2 × 6 + 8 = 20, not over.
        #expect(first.peak == 35)
        #expect(first.first == base + 200)
        #expect(first.last == base + 211)
        #expect(first.windowSeconds == 10 && first.limit == 20)
        #expect(outcome.findings[1].peak == 30)
        #expect(outcome.findings[1].last == base + 602)
    }

    @Test func perClientBurstsNameTheClient() throws {
        let rules = try TaskRules(properties: .object(["average_requests_per_client_per_time_interval": .object(["5": .number(10)])]))
        var lines: [String] = []
        for s in 0..<60 {
            lines.append(line("203.0.113.77", s))
            lines.append(line("203.0.113.77", s))
            lines.append(line("203.0.113.77", s))
            lines.append(line("10.1.1.1", s))
        }
        let outcome = evaluate(rules, lines: lines)
        #expect(outcome.findings.count == 1)
        #expect(outcome.findings[0].client == "203.0.113.77")
        #expect(outcome.findings[0].peak == 15)
        #expect(outcome.findings[0].first == base)
        #expect(outcome.findings[0].last == base + 59)
    }

    @Test func blacklistMatchesIPv4AndIPv6RangesOncePerClient() throws {
        let rules = try TaskRules(properties: .object(["black_ip_address": .array([.string("192.0.2.0/24"), .string("2001:db8:bad::/48")])]))
        let lines = [
            line("192.0.2.9", 1, path: "/a"), line("192.0.2.9", 5, path: "/b"), line("10.0.0.1", 6),
            line("2001:db8:bad::1", 7), line("2001:db8:bae::1", 8),
        ]
        let findings = evaluate(rules, lines: lines).findings
        #expect(findings.map(\.client) == ["192.0.2.9", "2001:db8:bad::1"])
        #expect(findings[0].peak == 2 && findings[0].first == base + 1 && findings[0].last == base + 5)
        #expect(findings[0].examples == ["/a", "/b"])
    }

    @Test func acceptedURLsIgnoreTheQuery() throws {
        let rules = try TaskRules(properties: .object(["accepted_urls": .array([.string("/"), .string("/static/**")])]))
        let lines = [
            line("10.0.0.1", 1, path: "/static/a/b.css?v=3"), line("10.0.0.1", 2, path: "/?q=1"),
            line("10.0.0.2", 3, path: "/wp-login.php"), line("10.0.0.2", 4, path: "/.env"),
        ]
        let findings = evaluate(rules, lines: lines).findings
        #expect(findings.count == 1)
        #expect(findings[0].client == "10.0.0.2" && findings[0].peak == 2)
    }

    @Test func plainHTTPNeedsASchemeOrPort() throws {
        let rules = try TaskRules(properties: .object(["is_http_requests_accepted": .bool(false)]))
        let combined = evaluate(rules, lines: [line("10.0.0.1", 1)])
        #expect(combined.findings.isEmpty)
        #expect(combined.notes.first?.contains("cannot be told") == true)
        let json = [
            #"{"time":"2026-01-01T00:00:01Z","remote_addr":"10.0.0.1","request":"GET / HTTP/1.1","status":200,"body_bytes_sent":1,"scheme":"http"}"#,
            #"{"time":"2026-01-01T00:00:02Z","remote_addr":"10.0.0.2","request":"GET / HTTP/1.1","status":200,"body_bytes_sent":1,"scheme":"https"}"#,
        ]
        let outcome = evaluate(rules, lines: json, format: .json)
        #expect(outcome.findings.map(\.client) == ["10.0.0.1"])
        #expect(outcome.notes.isEmpty)
    }

    /// The per-client rule agrees with a brute-force count on the real sample: the clients with
    /// findings are exactly those with more than `max` requests in some 60-second window.
    @Test func perClientRuleAgreesWithBruteForceOnTheSample() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/data/apache_logs").path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let lines = text.split(separator: "\n").map(String.init)
        let limit = 40
        let rules = try TaskRules(properties: .object(["average_requests_per_client_per_time_interval": .object(["60": .number(Double(limit))])]))
        let outcome = evaluate(rules, lines: lines)
        // Brute force: parse client and time with string splitting, sort, slide.
        var times: [String: [Int64]] = [:]
        for l in lines {
            let client = String(l.prefix { $0 != " " })
            let stamp = l.split(separator: "[")[1].prefix(20)
            times[client, default: []].append(parseCLF(String(stamp)))
        }
        var expected: Set<String> = []
        for (client, ts) in times {
            let sorted = ts.sorted()
            var lo = 0
            for hi in sorted.indices {
                while sorted[hi] - sorted[lo] >= 60 { lo += 1 }
                if hi - lo + 1 > limit {
                    expected.insert(client)
                    break
                }
            }
        }
        #expect(!expected.isEmpty)
        #expect(Set(outcome.findings.compactMap(\.client)) == expected)
    }
}

/// `17/May/2015:10:05:03` as Unix seconds, by hand.
func parseCLF(_ s: String) -> Int64 {
    let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    let p = s.split(whereSeparator: { $0 == "/" || $0 == ":" })
    let days = Timestamps.daysFromCivil(Int(p[2])!, months.firstIndex(of: String(p[1]))! + 1, Int(p[0])!)
    return Int64(days) * 86400 + Int64(p[3])! * 3600 + Int64(p[4])! * 60 + Int64(p[5])!
}
