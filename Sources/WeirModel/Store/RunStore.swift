/// Runs of tasks: claiming one under a lease, renewing and reclaiming leases, committing a run's
/// findings with its checkpoint, and reading runs back.
public protocol RunStore: Sendable {
    /// Starts a run unless the task is running already, or, for a trigger that
    /// ``RunTrigger/requiresDue``, is no longer due (then `nil`): records the run with its owner
    /// and a lease until `now + owner.leaseSeconds`, and moves the task's next run time past `now`
    /// (``Schedule/nextRunTime(after:frequency:now:)``), in one transaction that holds the task's
    /// row, so that of several instances asking at once exactly one starts it.
    func startRun(taskID: Int64, trigger: RunTrigger, now: Int64, owner: RunOwner) async throws -> RunRecord?
    /// Extends the leases of every run `instance` has running to `until`; returns how many.
    func renewLeases(instance: String, until: Int64) async throws -> Int
    /// Commits a run's findings, its counts and the source's new checkpoint in one transaction.
    func completeRun(_ completion: RunCompletion) async throws
    /// Ends a run that committed nothing (`failed` or `interrupted`).
    func abandonRun(id: Int64, status: RunStatus, error: String, at: Int64) async throws
    /// On a store several instances share: marks running runs whose lease expired before `now`
    /// as interrupted (their instance stopped) and returns them, so that their tasks are run
    /// again. A single-process store returns none (``interruptRunningRuns(at:)`` at start-up
    /// does that work there).
    func reclaimExpiredRuns(at now: Int64) async throws -> [RunRecord]
    /// At start-up of a single-process store: marks every run left `running` (by a crash) as
    /// interrupted; returns how many. A shared store leaves runs to their leases.
    func interruptRunningRuns(at: Int64) async throws -> Int
    func run(id: Int64) async throws -> RunRecord?
    /// Runs of a task, newest first, only those older than run `before` when given.
    func runs(taskID: Int64, before: Int64?, limit: Int) async throws -> [RunRecord]
    /// The source checkpoint of a task (JSON), or `nil` before its first successful run.
    func checkpoint(taskID: Int64) async throws -> String?
    /// The rate windows the task's last run left (JSON), or `nil`.
    func ruleState(taskID: Int64) async throws -> String?
}

extension RunStore {
    /// The latest `limit` runs of a task, newest first.
    public func runs(taskID: Int64, limit: Int) async throws -> [RunRecord] {
        try await runs(taskID: taskID, before: nil, limit: limit)
    }

    /// Starts a run owned by ``RunOwner/local``.
    public func startRun(taskID: Int64, trigger: RunTrigger, now: Int64) async throws -> RunRecord? {
        try await startRun(taskID: taskID, trigger: trigger, now: now, owner: .local)
    }
}
