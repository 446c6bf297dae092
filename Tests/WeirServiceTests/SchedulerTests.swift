import Foundation
import Testing
import WeirModel
import WeirRules
import WeirService
import WeirStore
import WeirTestSupport

/// The scheduler and the auto-check on an injected clock.
struct SchedulerTests {
    func task(_ h: Harness, next: Int64, frequency: Int64 = 60, name: String = "t") async throws -> MonitoringTask {
        let log = "\(h.directory)/\(name).log"
        FileManager.default.createFile(atPath: log, contents: nil)
        return try await h.store.createTask(
            MonitoringTask(
                name: name,
                description: "",
                frequency: frequency,
                nextRunTime: next,
                target: .file(path: log, format: "combined"),
                rules: try TaskRules(properties: .object(["black_ip_address": .array([.string("192.0.2.1")])]))
            ),
            now: h.clock.now()
        )
    }

    @Test func dueTaskRunsOnTimeAndMovesToTheNextPeriod() async throws {
        let h = try await Harness.make()
        defer { h.remove() }
        let t = try await task(h, next: Harness.start + 60)
        let scheduler = h.server.scheduler
        try await h.withCoordinator {
            #expect(await scheduler.runScheduled(now: Harness.start + 59, startedAt: Harness.start) == 0)
            #expect(await scheduler.runScheduled(now: Harness.start + 60, startedAt: Harness.start) == 1)
            await h.server.coordinator.waitUntilIdle()
        }
        let runs = try await h.store.runs(taskID: t.id, limit: 10)
        #expect(runs.map(\.trigger) == [.scheduled])
        #expect(runs.map(\.status) == [.succeeded])
        #expect(try await h.store.task(id: t.id)?.nextRunTime == Harness.start + 120)
        try await h.store.close()
    }

    @Test func anOutageGivesOneCatchUpRunByTheAutoCheck() async throws {
        let h = try await Harness.make()
        defer { h.remove() }
        // Due an hour before the service started: sixty periods missed.
        let t = try await task(h, next: Harness.start - 3_600)
        let scheduler = h.server.scheduler
        try await h.withCoordinator {
            #expect(await scheduler.runScheduled(now: Harness.start, startedAt: Harness.start) == 0, "missed runs are the auto-check's")
            #expect(await scheduler.autoCheck(now: Harness.start + 5) == 1)
            await h.server.coordinator.waitUntilIdle()
            #expect(await scheduler.autoCheck(now: Harness.start + 6) == 0)
            #expect(await scheduler.runScheduled(now: Harness.start + 6, startedAt: Harness.start) == 0)
        }
        let runs = try await h.store.runs(taskID: t.id, limit: 10)
        #expect(runs.map(\.trigger) == [.autoCheck])
        #expect(try await h.store.task(id: t.id)?.nextRunTime == Harness.start + 60, "the first period boundary after now")
        try await h.store.close()
    }

    @Test func theLoopAutoChecksAfterStartUpThenSchedules() async throws {
        // 25 minutes of schedule, ticking every second, in milliseconds.
        let clock = ManualClock(Harness.start, stopAt: Harness.start + 1_500)
        let h = try await Harness.make(clock: clock)
        defer { h.remove() }
        let missed = try await task(h, next: Harness.start - 600, frequency: 600, name: "missed")
        let later = try await task(h, next: Harness.start + 100, frequency: 3_600, name: "later")
        let inactive = try await task(h, next: Harness.start - 600, name: "off")
        var off = inactive
        off.isActive = false
        _ = try await h.store.updateTask(off, now: clock.now())
        // Runs read on threads of their own in real time; the schedule waits for them.
        let coordinator = h.server.coordinator
        clock.settle { await coordinator.waitUntilIdle() }
        try await h.withCoordinator {
            try await h.server.scheduler.run()  // returns when the clock reaches stopAt
            await h.server.coordinator.waitUntilIdle()
        }
        let missedRuns = try await h.store.runs(taskID: missed.id, limit: 50).reversed().map { ($0.trigger, $0.startedAt - Harness.start) }
        // The auto-check 5 s after start-up catches up once; then the schedule goes on every 600 s.
        #expect(missedRuns.first?.0 == .autoCheck)
        #expect(missedRuns.first?.1 == 5)
        #expect(missedRuns.dropFirst().map(\.0) == [.scheduled, .scheduled])
        #expect(missedRuns.dropFirst().map(\.1) == [600, 1_200])
        let laterRuns = try await h.store.runs(taskID: later.id, limit: 50)
        #expect(laterRuns.map(\.trigger) == [.scheduled])
        #expect(laterRuns.first.map { $0.startedAt - Harness.start } == 100)
        #expect(try await h.store.runs(taskID: inactive.id, limit: 50).isEmpty)
        try await h.store.close()
    }
}
