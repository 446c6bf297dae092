import Logging
import ServiceLifecycle
import WeirCore
import WeirModel

/// Deletes runs, findings and traffic minutes older than `WEIR_RETENTION_DAYS`, once at start-up
/// and then every `interval` seconds, in batches with a yield between them so that runs and
/// requests are never held up. Tasks, checkpoints and running runs are never deleted.
public struct RetentionPruner: Service {
    let store: any RetentionStore
    let clock: any WallClock
    /// Days data is kept.
    let days: Int
    let logger: Logger
    /// Seconds between two prunes.
    var interval: Double = 3600
    /// Rows of each kind deleted per statement.
    var batch = 1000

    public func run() async throws {
        try await loopUntilShutdown {
            while !Task.isCancelled {
                await prune()
                try await clock.sleep(seconds: interval)
            }
        }
    }

    /// Deletes everything older than the retention period, batch after batch; returns the total.
    @discardableResult
    public func prune() async -> PruneCount {
        let cutoff = clock.now() - Int64(days) * 86_400
        var total = PruneCount()
        do {
            while !Task.isCancelled {
                let deleted = try await store.prune(before: cutoff, batch: batch)
                total = total + deleted
                guard deleted.filled(batch) else { break }
                await Task.yield()
            }
        } catch {
            logger.error("could not delete data older than the retention period; will try again", metadata: ["error": "\(error)"])
        }
        if total != PruneCount() {
            logger.info(
                "deleted data older than the retention period",
                metadata: [
                    "days": "\(days)", "findings": "\(total.findings)", "runs": "\(total.runs)", "traffic_minutes": "\(total.trafficMinutes)",
                    "incidents": "\(total.incidents)", "notifications": "\(total.notifications)",
                ]
            )
        }
        return total
    }
}
