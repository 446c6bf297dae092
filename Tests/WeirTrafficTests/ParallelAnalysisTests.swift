import Foundation
import Testing
import WeirCore
import WeirGenerator
import WeirLog

@testable import WeirTraffic

/// `weir analyze --jobs N` gives the report of one thread, byte for byte: every generated format
/// with junk lines among the good ones, a file without a final newline, the real sample with a
/// time range, and several files in one report.
struct ParallelAnalysisTests {
    static func temporaryFile(_ bytes: [UInt8]) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("weir-parallel-\(UUID().uuidString).log").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// The layouts tested: the generator's two, a virtual-host one, JSON lines, W3C logs
    /// (CloudFront's tabs under one header; IIS's spaces, its header repeated as after a restart),
    /// and Combined lines in container envelopes (CRI and Docker's json-file, every 50th line in
    /// two parts).
    enum Layout: String, CaseIterable, Sendable {
        case combined, common, vhostCombined, json, cloudfront, iis, cri, docker

        /// 20,000 lines, a junk line every 997 lines (20 in all), and no final newline.
        var bytes: [UInt8] {
            var lines: [[UInt8]] = []
            switch self {
            case .combined, .common, .vhostCombined:
                var generator = TrafficGenerator(format: self == .common ? .common : .combined, profile: .mixed, seed: 9, utcOffset: -7_200)
                var bytes: [UInt8] = []
                for i in 0..<20_000 { generator.appendLine(timestamp: 1_700_000_000 + Int64(i / 7), elapsed: Int64(i / 7), to: &bytes) }
                lines = bytes.split(separator: 10).map { self == .vhostCombined ? Array("www.example.org:443 ".utf8) + $0 : Array($0) }
            case .cri, .docker:
                let combined = Layout.combined.bytes.split(separator: 10).filter { !$0.starts(with: Array("junk".utf8)) }
                for (i, line) in combined.enumerated() {
                    let text = String(decoding: line, as: UTF8.self)
                    let parts = i % 50 == 7 ? [String(text.prefix(30)), String(text.dropFirst(30))] : [text]
                    // A long line's parts are one entry here, so that no junk line comes between them.
                    var entry: [UInt8] = []
                    for (k, part) in parts.enumerated() {
                        let last = k == parts.count - 1
                        if k > 0 { entry.append(10) }
                        if self == .cri {
                            entry += Array("2023-11-14T22:13:20.000000001Z stdout \(last ? "F" : "P") \(part)".utf8)
                        } else {
                            let escaped = part.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
                            entry += Array(#"{"log":"\#(escaped)\#(last ? "\\n" : "")","stream":"stdout","time":"2023-11-14T22:13:20Z"}"#.utf8)
                        }
                    }
                    lines.append(entry)
                }
            case .json:
                lines = (0..<20_000).map { i in
                    let time = Timestamps.rfc3339(1_700_000_000 + Int64(i / 7))
                    return Array(
                        #"{"time":"\#(time)","remote_addr":"10.0.\#(i % 7).\#(i % 251)","request":"GET /p/\#(i % 313)?q=\#(i) HTTP/1.1","#.utf8
                    )
                        + Array(
                            #""status":\#(i % 17 == 0 ? 404 : 200),"body_bytes_sent":\#(i % 5000),"request_time":0.\#(100 + i % 900),"http_user_agent":"ua \"\#(i % 3)\""}"#
                                .utf8
                        )
                }
            case .cloudfront, .iis:
                lines = (0..<20_000).map { i in
                    let instant = Timestamps.rfc3339(1_700_000_000 + Int64(i / 7))
                    let (date, time) = (instant.prefix(10), instant.dropFirst(11).prefix(8))
                    let fields =
                        self == .cloudfront
                        ? [
                            "\(date)", "\(time)", "LAX1", "\(i % 5000)", "10.0.\(i % 7).\(i % 251)", "GET", "d1.cloudfront.net", "/p/\(i % 313)",
                            i % 17 == 0 ? "404" : "200", "-", "Mozilla/5.0%20(X11;%20Linux)", "q=\(i)", "-", "Hit", "id\(i)",
                            "www.example.org", "https", "23", "0.\(100 + i % 900)",
                        ] + Array(repeating: "-", count: 14)
                        : [
                            "\(date)", "\(time)", "10.0.0.5", "GET", "/p/\(i % 313)", "q=\(i)", "443", "-", "10.0.\(i % 7).\(i % 251)",
                            "Mozilla/5.0+(X11;+Linux)", "-", i % 17 == 0 ? "404" : "200", "0", "0", "\(i % 900)",
                        ]
                    let line = Array(fields.joined(separator: self == .cloudfront ? "\t" : " ").utf8)
                    return self == .iis && i % 5_000 == 0 ? Array(ParallelAnalysisTests.iisHeader.utf8) + [10] + line : line
                }
                if self == .cloudfront { lines[0] = Array(ParallelAnalysisTests.cloudfrontHeader.utf8) + [10] + lines[0] }
            }
            var out: [UInt8] = []
            for (i, line) in lines.enumerated() {
                out += line + [10]
                if i % 997 == 500 { out += Array("junk line \(i) \"unterminated\n".utf8) }
            }
            out.removeLast()
            return out
        }
    }
    static let cloudfrontHeader = """
        #Version: 1.0
        #Fields: date time x-edge-location sc-bytes c-ip cs-method cs(Host) cs-uri-stem sc-status cs(Referer) cs(User-Agent) \
        cs-uri-query cs(Cookie) x-edge-result-type x-edge-request-id x-host-header cs-protocol cs-bytes time-taken x-forwarded-for \
        ssl-protocol ssl-cipher x-edge-response-result-type cs-protocol-version fle-status fle-encrypted-fields c-port \
        time-to-first-byte x-edge-detailed-result-type sc-content-type sc-content-len sc-range-start sc-range-end
        """
    static let iisHeader = """
        #Software: Microsoft Internet Information Services 10.0
        #Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status \
        sc-substatus sc-win32-status time-taken
        """

    /// The JSON and text of the report on `paths` read with `jobs` threads (parts from 64 KiB).
    static func report(_ paths: [String], jobs: Int, options: Analyzer.Options = .init()) throws -> String {
        var analyzer = Analyzer(options: options)
        for path in paths { try analyzer.add(path: path, jobs: jobs, minimumSize: 64 * 1024) }
        let report = analyzer.finish()
        return String(decoding: try JSONCoding.snakeCaseEncoder.encode(report), as: UTF8.self) + "\n" + report.renderText()
    }

    @Test(arguments: Layout.allCases)
    func everyFormatGivesTheOneThreadReport(layout: Layout) throws {
        let path = try Self.temporaryFile(layout.bytes)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let one = try Self.report([path], jobs: 1)
        #expect(one.contains("\"malformed\":20,"), "junk lines are counted: \(one.prefix(600))")
        #expect(one.contains("\"parsed\":20000,"), "\(one.prefix(600))")
        if layout == .cri {
            // The same lines in Docker's envelope give the same report, but for the name.
            let docker = try Self.temporaryFile(Layout.docker.bytes)
            defer { try? FileManager.default.removeItem(atPath: docker) }
            #expect(try Self.report([docker], jobs: 1).replacingOccurrences(of: docker, with: path) == one)
        }
        if [.json, .cloudfront, .iis].contains(layout) { #expect(one.contains("\"response_times\":{"), "durations are merged too") }
        if layout == .cloudfront || layout == .iis { #expect(one.contains("\"directive_lines\":\(layout == .iis ? 8 : 2),"), "\(one.prefix(600))") }
        if layout == .vhostCombined { #expect(one.contains("\"virtual_hosts\":[{"), "virtual hosts are merged too") }
        for jobs in [2, 3, 7] {
            #expect((try FileParts.cut(path, into: jobs, minimumSize: 64 * 1024)?.ranges.count ?? 0) == jobs)
            #expect(try Self.report([path], jobs: jobs) == one, "\(layout) with \(jobs) jobs")
        }
    }

    /// A stream (standard input, gzip) read by one thread in chunks and parsed by several: the
    /// one-thread report too, with small chunks and a line far over the 1 MiB limit among them.
    @Test(arguments: Layout.allCases)
    func aStreamParsedByThreadsGivesTheOneThreadReport(layout: Layout) throws {
        var bytes = layout.bytes
        let cut = bytes.count / 2
        let at = bytes[cut...].firstIndex(of: 10)! + 1
        bytes.insert(contentsOf: [UInt8](repeating: UInt8(ascii: "x"), count: 1_300_000) + [10], at: at)
        func report(_ analyzer: Analyzer) throws -> String {
            String(decoding: try JSONCoding.snakeCaseEncoder.encode(analyzer.finish()), as: UTF8.self)
        }
        var one = Analyzer(options: .init())
        try one.add(source: MemorySource(bytes), name: "-")
        let expected = try report(one)
        #expect(expected.contains("\"malformed\":21,"), "\(expected.prefix(400))")
        for (jobs, chunk) in [(2, 4_096), (3, 65_536), (5, 1 << 20)] {
            var parallel = Analyzer(options: .init())
            try parallel.add(stream: MemorySource(bytes), name: "-", jobs: jobs, chunkSize: chunk)
            #expect(try report(parallel) == expected, "\(layout), \(jobs) jobs, chunks of \(chunk)")
        }
    }

    @Test func theRealSampleWithATimeRangeAndSeveralFiles() throws {
        let options = Analyzer.Options(from: Timestamps.parse("2015-05-18T00:00:00Z"), to: Timestamps.parse("2015-05-19T12:00:00Z"), top: 5)
        let extra = try Self.temporaryFile(Layout.combined.bytes)
        defer { try? FileManager.default.removeItem(atPath: extra) }
        let one = try Self.report([AnalyzerTests.samplePath, extra], jobs: 1, options: options)
        for jobs in [2, 4] {
            #expect(try Self.report([AnalyzerTests.samplePath, extra], jobs: jobs, options: options) == one, "\(jobs) jobs")
        }
    }

    @Test func partsStartAfterANewlineAndCoverTheFile() throws {
        let bytes = Layout.common.bytes
        let path = try Self.temporaryFile(bytes)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let parts = try #require(try FileParts.cut(path, into: 5, minimumSize: 1))
        #expect(parts.ranges.first?.lowerBound == 0 && parts.ranges.last?.upperBound == Int64(bytes.count))
        for (a, b) in zip(parts.ranges, parts.ranges.dropFirst()) {
            #expect(a.upperBound == b.lowerBound && bytes[Int(b.lowerBound) - 1] == 10)
        }
        #expect(try FileParts.cut(path, into: 5) == nil || bytes.count >= 1 << 20)
        #expect(try FileParts.cut("-", into: 5) == nil)
    }
}
