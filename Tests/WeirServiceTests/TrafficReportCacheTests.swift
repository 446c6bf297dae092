import Foundation
import Synchronization
import Testing
import WeirTestSupport
import WeirTraffic

@testable import WeirService

/// The traffic page's cache on its own: the least recently shown view is dropped past the
/// capacity, a failed analysis is not remembered, and a key names the file's size.
struct TrafficReportCacheTests {
    @Test func theLeastRecentlyShownViewIsDroppedAndFailuresAreNotKept() async throws {
        let folder = try TemporaryFolder.make("weir-report-cache")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("access.log").path
        try TestFile.append(path, "x\n")
        func key(_ filter: String) throws -> TrafficReportCache.Key {
            try #require(TrafficReportCache.Key(path: path, format: nil, filters: [filter], routes: [], from: nil, to: nil))
        }
        let analyses = Atomic<Int>(0)
        let analyse: @Sendable () async throws -> AnalyzeReport = {
            analyses.add(1, ordering: .relaxed)
            return Analyzer(options: .init()).finish()
        }
        struct Unreadable: Error {}
        let cache = TrafficReportCache(capacity: 2)
        for filter in ["a", "b", "a", "c", "a", "b"] { _ = try await cache.report(for: key(filter), analyse: analyse) }
        // a, b analysed; a cached; c analysed (b dropped); a cached; b analysed again.
        #expect(analyses.load(ordering: .relaxed) == 4)
        await #expect(throws: Unreadable.self) { try await cache.report(for: key("d"), analyse: { throw Unreadable() }) }
        #expect(try await cache.report(for: key("d"), analyse: analyse).outcome == .analysed)

        let before = try key("a")
        try TestFile.append(path, "y\n")
        #expect(try key("a") != before)
        #expect(
            TrafficReportCache.Key(path: folder.appendingPathComponent("gone").path, format: nil, filters: [], routes: [], from: nil, to: nil) == nil
        )
    }
}
