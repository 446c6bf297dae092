import Foundation
import Testing
import WeirModel
import WeirRules
import WeirService
import WeirStore

/// `WEIR_RETENTION_DAYS`: the pruner, a background service of the server, deletes what is older
/// than the retention period on the injected clock, and keeps the rest.
struct RetentionPrunerTests {
    @Test func thePrunerDeletesWhatIsOlderThanTheRetentionPeriod() async throws {
        let harness = try await Harness.make(settings: ["WEIR_RETENTION_DAYS": "7"])
        defer { harness.remove() }
        let task = try await harness.storedTask("kept", path: "/var/log/x.log")
        let old = try #require(try await harness.store.startRun(taskID: task.id, trigger: .manual, now: Harness.start))
        try await harness.store.abandonRun(id: old.id, status: .failed, error: "old", at: Harness.start)
        let young = try #require(try await harness.store.startRun(taskID: task.id, trigger: .manual, now: Harness.start + 6 * 86_400))
        try await harness.store.abandonRun(id: young.id, status: .failed, error: "young", at: Harness.start + 6 * 86_400)
        harness.clock.set(Harness.start + 8 * 86_400)
        #expect(harness.server.backgroundServices.contains { $0 is RetentionPruner })
        let deleted = await harness.server.pruner.prune()
        #expect(deleted.runs == 1)
        #expect(try await harness.store.runs(taskID: task.id, limit: 10).map(\.id) == [young.id])
        try await harness.store.close()
    }
}
