import Logging
import ServiceLifecycle
import WeirCore
import WeirModel

/// Starts task runs and executes them, at most `maxParallelRuns` at once, for the scheduler,
/// the auto-check and `POST /tasks/{id}/run` alike. The database refuses a second running run of
/// one task, so a task never runs twice at once, even across instances; runs are claimed under
/// this instance's ``RunOwner``, whose leases ``LeaseKeeper`` renews. On shutdown, runs in
/// progress are cancelled (they commit nothing) and runs still waiting are marked interrupted.
public actor RunCoordinator: Service {
    /// What asking for a run gave.
    public enum StartResult: Sendable, Equatable {
        case started(RunRecord)
        case alreadyRunning
        case noSuchTask
    }

    private let store: any WeirStore
    private let runner: TaskRunner
    private let clock: any WallClock
    private let owner: RunOwner
    private let permits: AsyncSemaphore
    private let logger: Logger
    private let metrics: ServiceMetrics
    private let stream: AsyncStream<RunRecord>
    private let continuation: AsyncStream<RunRecord>.Continuation
    private var waiting: [Int64: RunRecord] = [:]
    private var inProgress: Set<Int64> = []
    private var idleWaiters: [CheckedContinuation<Void, Never>] = []
    private var stopped = false

    init(
        store: any WeirStore,
        runner: TaskRunner,
        clock: any WallClock,
        owner: RunOwner,
        maxParallelRuns: Int,
        metrics: ServiceMetrics,
        logger: Logger
    ) {
        self.store = store
        self.owner = owner
        self.runner = runner
        self.clock = clock
        self.permits = AsyncSemaphore(permits: maxParallelRuns)
        self.metrics = metrics
        self.logger = logger
        (stream, continuation) = AsyncStream.makeStream(of: RunRecord.self)
    }

    /// Claims a run of `taskID` at `now` (default: the clock's) and queues it for execution.
    public func start(taskID: Int64, trigger: RunTrigger, now: Int64? = nil) async throws -> StartResult {
        guard !stopped else { return .alreadyRunning }
        guard let run = try await store.startRun(taskID: taskID, trigger: trigger, now: now ?? clock.now(), owner: owner) else {
            return try await store.task(id: taskID) == nil ? .noSuchTask : .alreadyRunning
        }
        waiting[run.id] = run
        continuation.yield(run)
        return .started(run)
    }

    /// Runs claimed here and not yet ended.
    public var pendingCount: Int { waiting.count + inProgress.count }

    /// Returns once no run claimed here is waiting or in progress.
    public func waitUntilIdle() async {
        if pendingCount == 0 { return }
        await withCheckedContinuation { idleWaiters.append($0) }
    }

    public nonisolated func run() async throws {
        await withDiscardingTaskGroup { group in
            for await run in stream.cancelOnGracefulShutdown() {
                group.addTask { await self.execute(run) }
            }
            group.cancelAll()
        }
        await abandonWaiting()
    }

    private func execute(_ run: RunRecord) async {
        await permits.acquire()
        guard waiting.removeValue(forKey: run.id) != nil else {
            await permits.release()
            return
        }
        inProgress.insert(run.id)
        metrics.runsInProgress(inProgress.count)
        await runner.execute(run)
        inProgress.remove(run.id)
        metrics.runsInProgress(inProgress.count)
        await permits.release()
        resumeIdleWaiters()
    }

    private func abandonWaiting() async {
        stopped = true
        continuation.finish()
        for run in waiting.values {
            try? await store.abandonRun(id: run.id, status: .interrupted, error: "the service stopped before this run began", at: clock.now())
        }
        waiting = [:]
        resumeIdleWaiters()
    }

    private func resumeIdleWaiters() {
        guard pendingCount == 0 else { return }
        for waiter in idleWaiters { waiter.resume() }
        idleWaiters = []
    }
}
