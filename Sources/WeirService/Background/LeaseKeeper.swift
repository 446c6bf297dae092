import Logging
import ServiceLifecycle
import WeirCore
import WeirModel

/// Keeps this instance's claims on its runs alive, and takes over the runs of instances that
/// stopped: every third of a lease it renews the leases of the runs this instance has running,
/// then marks runs whose lease lapsed as interrupted (on a shared database) and starts each of
/// their tasks again with trigger `takeover`. A taken-over run reads from the task's last
/// committed checkpoint, because a run commits its findings and checkpoint together or not at
/// all, so nothing is lost or counted twice.
public struct LeaseKeeper: Service {
    let store: any WeirStore
    let coordinator: RunCoordinator
    let clock: any WallClock
    let owner: RunOwner
    let logger: Logger

    public func run() async throws {
        try await loopUntilShutdown {
            while !Task.isCancelled {
                await tick()
                try await clock.sleep(seconds: Double(owner.leaseSeconds) / 3)
            }
        }
    }

    /// Renews this instance's leases and takes over lapsed runs; returns the runs started.
    @discardableResult
    public func tick() async -> [RunRecord] {
        let now = clock.now()
        do {
            _ = try await store.renewLeases(instance: owner.instance, until: now + owner.leaseSeconds)
        } catch {
            logger.error("could not renew this instance's claims on its runs; another instance may take them over", metadata: ["error": "\(error)"])
        }
        var started: [RunRecord] = []
        do {
            for lapsed in try await store.reclaimExpiredRuns(at: now) {
                logger.warning(
                    "taking over a run whose instance stopped",
                    metadata: [
                        "task_id": "\(lapsed.taskID)", "run_id": "\(lapsed.id)", "instance": "\(lapsed.instance ?? "?")",
                    ]
                )
                if case .started(let run) = try await coordinator.start(taskID: lapsed.taskID, trigger: .takeover, now: now) {
                    started.append(run)
                }
            }
        } catch {
            logger.error("could not look for runs to take over; will try again", metadata: ["error": "\(error)"])
        }
        return started
    }
}
