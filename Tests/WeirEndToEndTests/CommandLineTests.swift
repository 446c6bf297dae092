import Foundation
import Testing
import WeirTestSupport

/// `weir generate` and `weir analyze` run as processes on real files.
@Suite(.serialized)
struct CommandLineTests {
    let samplePath = WeirProcess.samplePath

    func json(_ text: String) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func generateThenAnalyzeAgree() async throws {
        let dir = try WeirProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let log = dir.appendingPathComponent("big.log").path
        let gen = try await WeirProcess.runAwaiting([
            "generate", "--count", "20000", "--start", "2026-01-01T00:00:00Z", "--rate", "100", "--seed", "9", "-f", log,
        ])
        #expect(gen.status == 0, "\(gen.stderr)")
        let first = try Data(contentsOf: URL(fileURLWithPath: log))
        // Same seed, same bytes; the file is replaced, not appended to.
        #expect(
            try await WeirProcess.runAwaiting([
                "generate", "--count", "20000", "--start", "2026-01-01T00:00:00Z", "--rate", "100", "--seed", "9", "-f", log,
            ]).status
                == 0
        )
        #expect(try Data(contentsOf: URL(fileURLWithPath: log)) == first)

        let analyzed = try await WeirProcess.runAwaiting(["analyze", log, "--json", "--top", "3"])
        #expect(analyzed.status == 0, "\(analyzed.stderr)")
        let report = try json(analyzed.stdout)
        #expect(report["lines"] as? Int == 20_000)
        #expect(report["parsed"] as? Int == 20_000)
        #expect(report["malformed"] as? Int == 0)
        #expect(report["first"] as? String == "2026-01-01T00:00:00Z")
        #expect((report["hosts"] as? [[String: Any]])?.count == 3)
        let status = try #require(report["status"] as? [String: Int])
        #expect(status.values.reduce(0, +) == 20_000)
    }

    @Test func analyzeTheRealSampleAsTextJSONGzipAndStdin() async throws {
        let text = try await WeirProcess.runAwaiting(["analyze", samplePath])
        #expect(text.status == 0)
        #expect(text.stdout.contains("lines      10000    parsed 10000    malformed 0"))
        #expect(text.stdout.contains("482  66.249.73.135"))
        // The sample (2.3 MB) is cut into parts from --jobs 2 on; the report is the same.
        for jobs in ["1", "2", "5"] {
            let parallel = try await WeirProcess.runAwaiting(["analyze", samplePath, "--jobs", jobs])
            #expect(parallel.status == 0 && parallel.stdout == text.stdout, "--jobs \(jobs)")
        }
        let routed = try await WeirProcess.runAwaiting(["analyze", samplePath, "--route", "/blog/**", "--route", "/images/*.png"])
        #expect(routed.status == 0 && routed.stdout.contains("Routes (each request under the first that matches):"), "\(routed.stderr)")
        let undeclared = try await WeirProcess.runAwaiting(["analyze", samplePath, "--route", "/blog/**", "--filter", "route=/images/**"])
        #expect(undeclared.status != 0 && undeclared.stderr.contains("not one of the routes (the routes are /blog/**)"), "\(undeclared.stderr)")
        let oneJSON = try await WeirProcess.runAwaiting(["analyze", samplePath, "--json", "--jobs", "1"])
        let threeJSON = try await WeirProcess.runAwaiting(["analyze", samplePath, "--json", "--jobs", "3"])
        #expect(oneJSON.stdout == threeJSON.stdout && oneJSON.stdout.hasPrefix("{"))

        let dir = try WeirProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let gz = dir.appendingPathComponent("apache_logs.gz").path
        let zip = Process()
        zip.executableURL = URL(fileURLWithPath: "/bin/sh")
        zip.arguments = ["-c", "gzip -c '\(samplePath)' > '\(gz)'"]
        try SerialSpawn.run(zip)
        zip.waitUntilExit()
        let fromGzip = try json(WeirProcess.run(["analyze", gz, "--json"]).stdout)
        let fromStdin = try json(WeirProcess.run(["analyze", "-", "--json"], stdin: Data(contentsOf: URL(fileURLWithPath: samplePath))).stdout)
        // Read by one thread, parsed by several: the same report.
        let sample = try Data(contentsOf: URL(fileURLWithPath: samplePath))
        let gzipOne = try await WeirProcess.runAwaiting(["analyze", gz, "--json", "--jobs", "1"])
        for jobs in ["1", "3"] {
            let gzip = try await WeirProcess.runAwaiting(["analyze", gz, "--json", "--jobs", jobs])
            let stdin = try await WeirProcess.runAwaiting(["analyze", "-", "--json", "--jobs", jobs], stdin: sample)
            #expect(gzip.stdout == gzipOne.stdout && gzip.stdout.hasPrefix("{"), "gzip, --jobs \(jobs)")
            #expect(
                stdin.stdout.replacingOccurrences(of: "\"name\":\"-\"", with: "")
                    == gzip.stdout.replacingOccurrences(of: "\"name\":\"\(gz)\"", with: "")
            )
        }
        for report in [fromGzip, fromStdin] {
            #expect(report["lines"] as? Int == 10_000)
            #expect((report["status"] as? [String: Int])?["200"] == 9126)
            #expect((report["status"] as? [String: Int])?["304"] == 445)
        }
        let ranged = try json(
            WeirProcess.run(["analyze", samplePath, "--json", "--from", "2015-05-18T00:00:00Z", "--to", "2015-05-19T00:00:00Z"]).stdout
        )
        #expect((ranged["requests"] as? Int ?? 0) > 0 && (ranged["requests"] as? Int ?? 0) < 10_000)
        #expect((ranged["first"] as? String ?? "") >= "2015-05-18T00:00:00Z")
    }

    /// `--html`: one file with everything inline, the same with every `--jobs`, and escaped.
    @Test func analyzeWritesASelfContainedHTMLReport() async throws {
        let dir = try WeirProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("report.html").path
        let result = try await WeirProcess.runAwaiting(["analyze", samplePath, "--html", out, "--json", "--jobs", "1"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stdout.contains("timeline"), "the JSON report is the same as without --html")
        let html = try String(contentsOfFile: out, encoding: .utf8)
        #expect(html.hasPrefix("<!doctype html>"))
        #expect(!html.contains("<script"), "no script")
        #expect(!html.contains("src=\"http") && !html.contains("href=\"http"), "nothing fetched")
        #expect(html.contains("<style>") && html.contains("Content-Security-Policy"))
        #expect(html.components(separatedBy: "<figure class=\"chart\"").count - 1 == 3)
        #expect(html.contains("<div class=\"value\">10000</div><div class=\"name\">requests</div>"))
        for panel in ["Top paths", "404s by path", "Browsers", "Operating systems", "Crawlers", "Referring sites", "Unique visitors per day"] {
            #expect(html.contains("<h2>\(panel)"), "no \(panel) panel")
        }
        // Each row that a filter can narrow to names the --filter arguments that do it.
        #expect(html.contains("<td class=\"name\" title=\"--filter &#39;status=404&#39;\">404</td>"))
        #expect(
            html.contains(
                "<td class=\"name\" title=\"--filter &#39;status=404&#39; --filter &#39;path=/files/logstash/logstash-1.3.2-monolithic.jar&#39;\">/files/logstash/logstash-1.3.2-monolithic.jar</td>"
            )
        )
        // A route's row names the --route arguments its filter needs.
        let routed = dir.appendingPathComponent("routed.html").path
        let routedRun = try await WeirProcess.runAwaiting([
            "analyze", samplePath, "--html", routed, "--route", "/blog/**", "--route", "/images/*.png",
        ])
        #expect(routedRun.status == 0, "\(routedRun.stderr)")
        let arguments = "--route &#39;/blog/**&#39; --route &#39;/images/*.png&#39; --filter &#39;route=/images/*.png&#39;"
        #expect(try String(contentsOfFile: routed, encoding: .utf8).contains("<td class=\"name\" title=\"\(arguments)\">/images/*.png</td>"))
        let filtered = dir.appendingPathComponent("filtered.html").path
        #expect(try await WeirProcess.runAwaiting(["analyze", samplePath, "--html", filtered, "--filter", "status=404"]).status == 0)
        #expect(try String(contentsOfFile: filtered, encoding: .utf8).contains("Filtered: <code class=\"chip\">status=404</code>"))
        let twoJobs = dir.appendingPathComponent("two.html").path
        #expect(try await WeirProcess.runAwaiting(["analyze", samplePath, "--html", twoJobs, "--jobs", "2"]).status == 0)
        let stamp = /, written [^<]*</
        #expect(try String(contentsOfFile: twoJobs, encoding: .utf8).replacing(stamp, with: "") == html.replacing(stamp, with: ""))

        let hostile = dir.appendingPathComponent("hostile.log")
        let line = #"1.2.3.4 - - [17/May/2015:10:05:03 +0000] "GET /<script>alert(1)</script> HTTP/1.1" 404 1 "-" "<img src=x onerror=alert(2)>""#
        try (line + "\n").write(to: hostile, atomically: true, encoding: .utf8)
        let escaped = dir.appendingPathComponent("escaped.html").path
        #expect(try await WeirProcess.runAwaiting(["analyze", hostile.path, "--html", escaped]).status == 0)
        let page = try String(contentsOfFile: escaped, encoding: .utf8)
        #expect(!page.contains("<script>") && !page.contains("<img"))
        #expect(page.contains("/&lt;script&gt;alert(1)&lt;/script&gt;"))
    }

    @Test func malformedLinesAreReportedWithNumbers() async throws {
        let dir = try WeirProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let log = dir.appendingPathComponent("messy.log")
        var lines = try String(contentsOfFile: samplePath, encoding: .utf8).split(separator: "\n").prefix(50).map(String.init)
        lines[9] = "GARBAGE"
        lines[19] = String(lines[19].prefix(30))
        try (lines.joined(separator: "\n") + "\n").write(to: log, atomically: true, encoding: .utf8)
        let result = try await WeirProcess.runAwaiting(["analyze", log.path, "--json"])
        let report = try json(result.stdout)
        #expect(report["malformed"] as? Int == 2)
        let listed = try #require(report["malformed_lines"] as? [[String: Any]])
        #expect(listed.map { $0["line"] as? Int } == [10, 20])
        #expect(listed.allSatisfy { !($0["reason"] as? String ?? "").isEmpty })
    }

    @Test(arguments: [
        (["analyze", "/nonexistent/x.log"], "cannot open /nonexistent/x.log: no such file"),
        (["analyze", "/etc/passwd"], "cannot recognise the log format of /etc/passwd"),
        (["analyze", "/tmp", "--format", "combined"], "cannot read /tmp: it is a directory"),
        (["analyze", "x.log", "--format", "bogus"], "unknown log format 'bogus'"),
        (["analyze", "x.log", "--top", "0"], "--top must be a positive number"),
        (["analyze", "x.log", "--jobs", "0"], "--jobs must be between 1 and 1024, got 0"),
        (["analyze", "x.log", "--route", "images/*"], "--route images/*: must be a path pattern of at most 512 characters starting with /"),
        (["analyze", "x.log", "--route", "/a/*", "--route", "/a/*"], "--route /a/*: \"/a/*\" is given twice"),
        (
            ["generate", "--profile", "calm"],
            "'calm' is invalid for '--profile <profile>'. Please provide one of 'steady', 'spike', 'attack' or 'mixed'"
        ),
        (["generate", "--rate=-3"], "--rate must be a positive number"),
        (["generate", "--count", "10", "-f", "/nonexistent/dir/x.log"], "cannot write /nonexistent/dir/x.log: its directory does not exist"),
    ])
    func badInputGivesOneLineAndNonZeroExit(arguments: [String], message: String) async throws {
        let result = try await WeirProcess.runAwaiting(arguments)
        #expect(result.status != 0)
        #expect(result.stderr.hasPrefix("weir: "))
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test func helpForEverySubcommand() async throws {
        for sub in ["generate", "analyze"] {
            let result = try await WeirProcess.runAwaiting([sub, "--help"])
            #expect(result.status == 0)
            #expect(result.stdout.contains("Examples:"))
        }
        let root = try await WeirProcess.runAwaiting(["--help"])
        #expect(root.stdout.contains("generate") && root.stdout.contains("analyze"))
    }

    @Test func liveGeneratorAppendsLinesStampedNow() async throws {
        let dir = try WeirProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let log = dir.appendingPathComponent("live.log").path
        let before = Int64(Date().timeIntervalSince1970)
        let result = try await WeirProcess.runAwaiting(["generate", "-f", log, "-d", "1.5", "-i", "0.1", "--rate", "40"])
        #expect(result.status == 0, "\(result.stderr)")
        let report = try json(WeirProcess.run(["analyze", log, "--json"]).stdout)
        let lines = report["lines"] as? Int ?? 0
        #expect(lines >= 40 && lines <= 80)
        #expect(report["malformed"] as? Int == 0)
        #expect((report["first"] as? String ?? "") >= ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: TimeInterval(before))))
    }
}
