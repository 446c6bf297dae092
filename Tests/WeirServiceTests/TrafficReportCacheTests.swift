import Foundation
import Synchronization
import Testing
import WeirTestSupport
import WeirTraffic

@testable import WeirService

/// The traffic page's cache on its own: the least recently shown view is dropped past the
/// capacity, a failed analysis is not kept, a grown file is read from where its view stopped, and
/// only the most recently shown views keep their analyses' tables.
struct TrafficReportCacheTests {
    /// Appends `count` Combined lines to `path`.
    static func appendLines(_ path: String, _ count: Int, from first: Int = 0) throws {
        for i in first..<(first + count) {
            try TestFile.append(
                path,
                #"192.0.2.\#(i % 200) - - [20/May/2015:21:05:\#(10 + i % 50) +0000] "GET /p/\#(i) HTTP/1.1" 200 12 "-" "t""# + "\n"
            )
        }
    }

    /// The view of `path` with one filter.
    static func key(_ path: String, _ filter: String) -> TrafficReportCache.Key {
        TrafficReportCache.Key(path: path, format: nil, filters: [filter], routes: [], from: nil, to: nil)
    }

    @Test func theLeastRecentlyShownViewIsDroppedAndFailuresAreNotKept() async throws {
        let folder = try TemporaryFolder.make("weir-report-cache")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("access.log").path
        try Self.appendLines(path, 40)
        let key = { (filter: String) in Self.key(path, filter) }
        let updates = Atomic<Int>(0)
        let update: TrafficReportCache.Update = { analysis in
            updates.add(1, ordering: .relaxed)
            return try analysis.update(jobs: 1)
        }
        struct Unreadable: Error {}
        let cache = TrafficReportCache(capacity: 2)
        var outcomes: [TrafficReportCache.Outcome] = []
        for filter in ["a", "b", "a", "c", "a", "b"] {
            outcomes.append(try await cache.report(for: key(filter), options: .init(), update: update).outcome)
        }
        // b is dropped when c comes, so it is analysed again.
        #expect(outcomes == [.analysed, .analysed, .cached, .analysed, .cached, .analysed])
        #expect(updates.load(ordering: .relaxed) == 4)
        await #expect(throws: Unreadable.self) { try await cache.report(for: key("d"), options: .init(), update: { _ in throw Unreadable() }) }
        #expect(try await cache.report(for: key("d"), options: .init(), update: update).outcome == .analysed)

        // The file grew: the view reads what was appended; unchanged again, it is remembered.
        try Self.appendLines(path, 3, from: 40)
        let grown = try await cache.report(for: key("d"), options: .init(), update: update)
        #expect(grown.outcome == .extended)
        #expect(grown.report.requests == 43)
        #expect(try await cache.report(for: key("d"), options: .init(), update: update).outcome == .cached)
        // A missing file is the analysis's error, not a cached report.
        let gone = TrafficReportCache.Key(path: folder.appendingPathComponent("gone").path, format: nil, filters: [], routes: [], from: nil, to: nil)
        await #expect(throws: (any Error).self) { try await cache.report(for: gone, options: .init(), update: update) }
    }

    @Test func onlyTheMostRecentlyShownViewsKeepTheirTables() async throws {
        let folder = try TemporaryFolder.make("weir-report-cache")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("access.log").path
        try Self.appendLines(path, 40)
        let key = { (filter: String) in Self.key(path, filter) }
        let update: TrafficReportCache.Update = { try $0.update(jobs: 1) }
        let cache = TrafficReportCache(capacity: 4, followedCapacity: 1)
        for filter in ["a", "b"] { _ = try await cache.report(for: key(filter), options: .init(), update: update) }
        try Self.appendLines(path, 1, from: 40)
        // a's tables were dropped when b was shown: read whole. b's are kept: extended.
        #expect(try await cache.report(for: key("b"), options: .init(), update: update).outcome == .extended)
        #expect(try await cache.report(for: key("a"), options: .init(), update: update).outcome == .analysed)
        let report = try await cache.report(for: key("a"), options: .init(), update: update).report
        #expect(report.requests == 41)
    }

    /// A range that moved on with the task's latest minute takes over the analysis of another
    /// view of the file, and reads only from the stretch its start falls in.
    @Test func aRangeMovedOnTakesOverAnotherViewsAnalysis() async throws {
        let folder = try TemporaryFolder.make("weir-report-cache")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("access.log").path
        // 30,000 lines from 10:00 to 14:59 on 20 May 2015, 100 a minute.
        var text = ""
        for i in 0..<30_000 {
            let (hour, minute, second) = (10 + i / 6_000, (i / 100) % 60, i % 60)
            text +=
                #"192.0.2.\#(i % 200) - - [20/May/2015:\#(hour):\#(minute < 10 ? "0" : "")\#(minute):\#(second < 10 ? "0" : "")\#(second) +0000] "GET /p/\#(i % 70) HTTP/1.1" 200 12 "-" "t""#
                + "\n"
        }
        try TestFile.append(path, text)
        let size = Int64(text.utf8.count)
        let reads = Mutex<[GrowingLogAnalysis.Read]>([])
        let update: TrafficReportCache.Update = { analysis in
            let result = try analysis.update(jobs: 2)
            reads.withLock { $0.append(result.read) }
            return result
        }
        let cache = TrafficReportCache(stretchBytes: 64 << 10)
        let whole = TrafficReportCache.Key(path: path, format: nil, filters: [], routes: [], from: nil, to: nil)
        #expect(try await cache.report(for: whole, options: .init(), update: update).outcome == .analysed)
        let midnight: Int64 = 1_432_080_000
        for hour: Int64 in [12, 13, 14] {
            let from = midnight + hour * 3_600 + 1_800
            let key = TrafficReportCache.Key(path: path, format: nil, filters: ["status=2xx"], routes: [], from: from, to: nil)
            var options = Analyzer.Options(from: from)
            options.filters = [try RequestFilter("status=2xx")]
            let view = try await cache.report(for: key, options: options, update: update)
            #expect(view.outcome == .extended, "from \(hour):30")
            var afresh = Analyzer(options: options)
            try afresh.add(path: path)
            #expect(view.report == afresh.finish(), "from \(hour):30")
            #expect(view.report.requests == (15 - Int(hour)) * 6_000 - 3_000)
            // From the stretch holding hh:30: the part of the file from hh:30 on, and less than a
            // stretch before it.
            let read = reads.withLock { $0.last }
            guard case .appended(let bytes) = read else {
                Issue.record("from \(hour):30: \(String(describing: read))")
                continue
            }
            #expect(bytes < size * Int64(15 - hour) / 5 - size / 10 + 64 << 10, "from \(hour):30: \(bytes) of \(size) bytes")
        }
    }
}
