import Logging
import ServiceLifecycle
import WeirCore
import WeirModel

/// Runs tasks on time, and runs what was missed while the service was down.
///
/// - Every `tick`, tasks whose `next_run_time` has passed since the service started are run with
///   trigger `scheduled`.
/// - The **auto-check** runs `autoCheckDelay` after start-up and then every `autoCheckInterval`: it
///   runs every active task whose time has passed (those missed while the service was off, or
///   left behind), with trigger `auto_check`.
///
/// Starting a run moves `next_run_time` past now by whole periods, so an outage of any length
/// gives one catch-up run per task.
public struct Scheduler: Service {
    let store: any WeirStore
    let coordinator: RunCoordinator
    let clock: any WallClock
    let tick: Double
    let autoCheckDelay: Double
    let autoCheckInterval: Double
    let metrics: ServiceMetrics
    let logger: Logger
    /// Whether this instance runs a task (a syslog task runs where its listener is).
    var runsHere: @Sendable (MonitoringTask) -> Bool = { _ in true }

    public func run() async throws {
        logger.info("scheduler started", metadata: ["auto_check_interval": "\(autoCheckInterval)"])
        try await loopUntilShutdown { try await loop() }
        logger.info("scheduler stopped")
    }

    /// Ticks until cancelled.
    func loop() async throws {
        let startedAt = clock.now()
        var nextAutoCheck = Double(startedAt) + autoCheckDelay
        while !Task.isCancelled {
            let now = clock.now()
            // Scheduled runs first: a task that fell due since start-up is a scheduled run even
            // when the auto-check comes in the same tick.
            await runScheduled(now: now, startedAt: startedAt)
            if Double(now) >= nextAutoCheck {
                await autoCheck(now: now)
                nextAutoCheck = Double(now) + autoCheckInterval
            }
            try await clock.sleep(seconds: tick)
        }
    }

    /// Starts the runs due since `startedAt`; returns how many started.
    @discardableResult
    public func runScheduled(now: Int64, startedAt: Int64) async -> Int {
        await startDue(now: now, trigger: .scheduled) { $0.nextRunTime >= startedAt }
    }

    /// Starts a run of every active task whose time has passed; returns how many started.
    @discardableResult
    public func autoCheck(now: Int64) async -> Int {
        let started = await startDue(now: now, trigger: .autoCheck) { _ in true }
        logger.info("auto-check done", metadata: ["runs_started": "\(started)"])
        return started
    }

    private func startDue(now: Int64, trigger: RunTrigger, _ include: (MonitoringTask) -> Bool) async -> Int {
        var started = 0
        do {
            for task in try await store.dueTasks(at: now) where include(task) && runsHere(task) {
                if case .started = try await coordinator.start(taskID: task.id, trigger: trigger, now: now) {
                    started += 1
                    metrics.schedulerLag(seconds: now - task.nextRunTime)
                }
            }
        } catch {
            logger.error("could not look for due tasks; will try again", metadata: ["error": "\(error)"])
        }
        return started
    }
}
