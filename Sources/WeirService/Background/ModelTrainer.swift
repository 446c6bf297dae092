import Logging
import ServiceLifecycle
import WeirCore
import WeirDetect
import WeirModel

/// Runs the expert system for tasks, one at a time, off the runs' path: a run only asks
/// (``request(taskID:)``) and never waits. A task's model is chosen once it has
/// ``ModelSelector/minimumPoints`` minutes of traffic, and chosen again after
/// `retuneMinutes` more, or when the user changes its `detection`.
public actor ModelTrainer: Service {
    let store: any WeirStore
    let clock: any WallClock
    let retuneMinutes: Int
    let logger: Logger
    let selector: ModelSelector
    private let requests: AsyncStream<Int64>
    private let continuation: AsyncStream<Int64>.Continuation

    public init(
        store: any WeirStore,
        clock: any WallClock,
        retuneMinutes: Int,
        logger: Logger,
        selector: ModelSelector = ModelSelector()
    ) {
        self.store = store
        self.clock = clock
        self.retuneMinutes = retuneMinutes
        self.logger = logger
        self.selector = selector
        (requests, continuation) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(1024))
    }

    /// Asks for the task's model to be chosen again if it is due; returns at once.
    public nonisolated func request(taskID: Int64) {
        continuation.yield(taskID)
    }

    public func run() async throws {
        await withGracefulShutdownHandler {
            for await taskID in requests {
                do { _ = try await retuneIfDue(taskID: taskID) } catch {
                    logger.error("could not choose the task's detection model", metadata: ["task_id": "\(taskID)", "error": "\(error)"])
                }
            }
        } onGracefulShutdown: { [continuation] in
            continuation.finish()
        }
    }

    /// Chooses and saves the task's model when due; returns whether it did.
    @discardableResult
    public func retuneIfDue(taskID: Int64) async throws -> Bool {
        guard let task = try await store.task(id: taskID) else { return false }
        let settings = task.detection.settings
        guard settings.enabled else { return false }
        let count = try await store.trafficMinuteCount(taskID: taskID)
        let existing = try await store.model(taskID: taskID)
        let due =
            existing.map { $0.current(for: settings) == nil || count - $0.historyMinutes >= retuneMinutes }
            ?? (count >= selector.minimumPoints)
        guard due else { return false }
        let minutes = try await store.latestTrafficMinutes(taskID: taskID, count: TaskModelling.historyMinutes)
        let now = clock.now()
        let selector = selector
        // The expert system is CPU-heavy: off the cooperative pool, as a big file's reading is.
        let model = try await BlockingWork.run { TaskModelling.fit(minutes, settings: settings, now: now, selector: selector) }
        try await store.saveModel(taskID: taskID, StoredModel(model: model, historyMinutes: count, fittedAt: now))
        logger.info(
            "detection model chosen",
            metadata: [
                "task_id": "\(taskID)", "minutes": "\(count)",
                "features": "\(model.features.map { "\($0.feature.rawValue)=\($0.choice)" }.joined(separator: "; "))",
            ]
        )
        return true
    }
}
