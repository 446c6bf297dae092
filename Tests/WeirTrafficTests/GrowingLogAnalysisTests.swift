import Foundation
import Testing
import WeirCore
import WeirLog
import WeirRules

@testable import WeirTraffic

/// A followed analysis gives, after each update, the report of the whole file read afresh, line
/// for line (junk lines and their numbers, a line still being written, the timeline, filters and
/// routes), while reading only what was appended; a rotated, truncated or rewritten file, and the
/// layouts it does not follow, are read whole.
struct GrowingLogAnalysisTests {
    static func options() throws -> Analyzer.Options {
        var options = Analyzer.Options(top: 5)
        options.timeline = true
        options.filters = [try RequestFilter("status!=304")]
        options.routes = [try #require(URLPattern("/p/*"))]
        return options
    }

    /// The report of `path` read whole by a new analyzer, one thread.
    static func afresh(_ path: String, _ options: Analyzer.Options) throws -> AnalyzeReport {
        var analyzer = Analyzer(options: options)
        try analyzer.add(path: path)
        return analyzer.finish()
    }

    /// Appends `bytes` to `path`.
    static func append(_ path: String, _ bytes: some Collection<UInt8>) throws {
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(bytes))
    }

    /// A file holding the first half of `layout`'s lines, and its analysis after a first update
    /// (which read it whole).
    static func halfRead(
        _ layout: ParallelAnalysisTests.Layout
    ) throws -> (bytes: [UInt8], half: Int, path: String, options: Analyzer.Options, analysis: GrowingLogAnalysis) {
        let bytes = layout.bytes
        let half = bytes.firstIndex(of: 10, after: bytes.count / 2)
        let path = try ParallelAnalysisTests.temporaryFile(Array(bytes[..<half]))
        let options = try Self.options()
        let analysis = GrowingLogAnalysis(path: path, options: options)
        #expect(try analysis.update(jobs: 2).read == .whole)
        return (bytes, half, path, options, analysis)
    }

    @Test(arguments: [ParallelAnalysisTests.Layout.combined, .json, .vhostCombined], [1, 3])
    func eachUpdateEqualsTheWholeFileReadAfresh(layout: ParallelAnalysisTests.Layout, jobs: Int) throws {
        let bytes = layout.bytes
        let path = try ParallelAnalysisTests.temporaryFile([])
        defer { try? FileManager.default.removeItem(atPath: path) }
        let options = try Self.options()
        let analysis = GrowingLogAnalysis(path: path, options: options)
        // Cuts mid-line, a piece without a whole line, a piece over FileParts.minimumSize (cut
        // into parts), and the final line without its newline.
        let cuts = [0, 1_500, bytes.count / 4, bytes.count / 4 + 17, bytes.count / 4 + 40, bytes.count - 3, bytes.count, bytes.count]
        for (k, (start, end)) in zip(cuts, cuts.dropFirst()).enumerated() {
            try Self.append(path, bytes[start..<end])
            let (report, read) = try analysis.update(jobs: jobs)
            #expect(report == (try Self.afresh(path, options)), "after \(end) bytes")
            // The first piece holds too few lines to be sure of the format: read whole again.
            // From then on, only what follows the last whole line read.
            let lineEnd = bytes[..<start].lastIndex(of: 10).map { $0 + 1 } ?? 0
            #expect(read == (k < 2 ? .whole : .appended(bytes: Int64(end - lineEnd))), "after \(end) bytes")
            if end == bytes.count {
                #expect(report.malformed == 20)
                #expect(report.lines == 20_020)
            }
        }
    }

    @Test func updatesWhileAWriterAppendsEndWithTheWholeFile() throws {
        let bytes = ParallelAnalysisTests.Layout.combined.bytes
        let path = try ParallelAnalysisTests.temporaryFile([])
        defer { try? FileManager.default.removeItem(atPath: path) }
        let options = try Self.options()
        let analysis = GrowingLogAnalysis(path: path, options: options)
        // The writer appends pieces of 1 to 20,000 bytes (most cut a line), a little apart, while
        // updates run.
        let writer = Thread {
            var random = SystemRandomNumberGenerator()
            var start = 0
            while start < bytes.count {
                let end = min(bytes.count, start + Int.random(in: 1...20_000, using: &random))
                try? Self.append(path, bytes[start..<end])
                start = end
                Thread.sleep(forTimeInterval: 0.000_3)
            }
        }
        writer.start()
        var lines: [Int] = []
        while !writer.isFinished || lines.isEmpty {
            lines.append(try analysis.update(jobs: 2).report.lines)
        }
        let last = try analysis.update(jobs: 2)
        #expect(last.report == (try Self.afresh(path, options)))
        #expect(last.report.lines == 20_020)
        #expect(lines == lines.sorted())
    }

    @Test func aRotatedTruncatedOrRewrittenFileIsReadWhole() throws {
        let (bytes, half, path, options, analysis) = try Self.halfRead(.combined)
        defer { try? FileManager.default.removeItem(atPath: path) }

        // Rotated: another file at the path, longer than what was read.
        try FileManager.default.moveItem(atPath: path, toPath: path + ".1")
        defer { try? FileManager.default.removeItem(atPath: path + ".1") }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        var (report, read) = try analysis.update(jobs: 2)
        #expect(read == .whole)
        #expect(report == (try Self.afresh(path, options)))

        // Rewritten in place (same inode), as long and longer, with other lines.
        let other = Array(bytes[half...]) + Array(bytes[..<half]) + Array("\n".utf8)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.write(contentsOf: Data(other))
        try handle.close()
        (report, read) = try analysis.update(jobs: 2)
        #expect(read == .whole)
        #expect(report == (try Self.afresh(path, options)))

        // Truncated (copytruncate), then a few lines written.
        try Data(bytes[..<1_000_000]).write(to: URL(fileURLWithPath: path))
        (report, read) = try analysis.update(jobs: 2)
        #expect(read == .whole)
        #expect(report == (try Self.afresh(path, options)))

        // Gone: the error a whole read gives, and the next file is read whole.
        try FileManager.default.removeItem(atPath: path)
        #expect(throws: InputError.self) { try analysis.update(jobs: 2) }
        try Data(bytes[..<half]).write(to: URL(fileURLWithPath: path))
        #expect(try analysis.update(jobs: 2).read == .whole)
    }

    /// A range moved on takes over the counts of the stretches wholly before its start and reads
    /// from there, giving the report of the file read afresh with that range; a line from the
    /// future early in the file stops the skipping at its stretch.
    @Test func aRangeMovedOnReadsFromTheStretchItStartsIn() throws {
        var lines = ParallelAnalysisTests.Layout.combined.bytes.split(separator: 10, omittingEmptySubsequences: false).map(Array.init)
        let late = lines.remove(at: 15_000)
        lines.insert(late, at: 3_000)
        let bytes = Array(lines.joined(separator: [10]))
        let whole = bytes[..<bytes.firstIndex(of: 10, after: bytes.count * 3 / 4)]
        let path = try ParallelAnalysisTests.temporaryFile(Array(whole))
        defer { try? FileManager.default.removeItem(atPath: path) }
        func options(from: Int64?) throws -> Analyzer.Options {
            var options = try Self.options()
            options.from = from
            return options
        }
        var analysis = GrowingLogAnalysis(path: path, options: try options(from: nil), stretchBytes: 64 << 10)
        #expect(try analysis.update(jobs: 2).read == .whole)
        #expect(analysis.handingOver(to: try options(from: nil)) == nil)
        // Line i of the generator is stamped 1_700_000_000 + i / 7.
        let size = Int64(whole.count)
        for (line, appended) in [(1_000, 0), (2_900, 0), (10_000, 0), (16_000, 0), (14_500, 1_000_000), (18_000, 0)] {
            let from = 1_700_000_000 + Int64(line / 7)
            let options = try options(from: from)
            let next = try #require(analysis.handingOver(to: options), "from line \(line)")
            if appended > 0 { try Self.append(path, bytes[whole.count..<bytes.count]) }
            let (report, read) = try next.update(jobs: 2)
            #expect(report == (try Self.afresh(path, options)), "from line \(line)")
            guard case .appended(let read) = read else {
                Issue.record("from line \(line): read whole")
                continue
            }
            // Up to line 15,000's time, the stretch holding it (line 3,000) is read again.
            #expect(line < 15_000 ? read > size * 3 / 4 : read < size / 4 + Int64(appended), "from line \(line): \(read) bytes")
            analysis = next
        }
        // A range that starts in the first stretch takes over nothing.
        #expect(analysis.handingOver(to: try options(from: 1_700_000_000)) == nil)
    }

    @Test(arguments: [ParallelAnalysisTests.Layout.cloudfront, .cri])
    func layoutsItDoesNotFollowAreReadWholeEachTime(layout: ParallelAnalysisTests.Layout) throws {
        let (bytes, half, path, options, analysis) = try Self.halfRead(layout)
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Self.append(path, bytes[half...])
        let (report, read) = try analysis.update(jobs: 2)
        #expect(read == .whole)
        #expect(report == (try Self.afresh(path, options)))
    }
}

extension Array where Element == UInt8 {
    /// The index just past the first `byte` at or after `start`.
    fileprivate func firstIndex(of byte: UInt8, after start: Int) -> Int {
        (self[start...].firstIndex(of: byte) ?? count - 1) + 1
    }
}
