import WeirDetect
import WeirRules

/// Weir's storage: tasks, runs, findings, checkpoints and the rule catalogue. One contract, one
/// test suite, implemented on SQLite (the default) and PostgreSQL (several instances).
public protocol WeirStore: Sendable {
    /// Creates or migrates the schema and seeds the rule catalogue; harmless to repeat.
    func migrate() async throws
    /// Drops every table Weir owns. Only `weir setup-db --reset --yes` calls it.
    func reset() async throws
    /// Throws when the database cannot be reached.
    func ping() async throws
    /// The schema version applied.
    func schemaVersion() async throws -> Int

    func ruleCatalogue() async throws -> [RuleDescription]

    func createTask(_ task: MonitoringTask, now: Int64) async throws -> MonitoringTask
    func task(id: Int64) async throws -> MonitoringTask?
    func tasks(activeOnly: Bool) async throws -> [MonitoringTask]
    /// Saves every field of an existing task; `nil` when it does not exist.
    func updateTask(_ task: MonitoringTask, now: Int64) async throws -> MonitoringTask?
    /// Deletes a task with its runs, findings and checkpoint; false when it did not exist.
    func deleteTask(id: Int64) async throws -> Bool

    /// Active tasks whose next run time is at or before `now`.
    func dueTasks(at now: Int64) async throws -> [MonitoringTask]

    /// Starts a run unless the task is running already, or, for a trigger that
    /// ``RunTrigger/requiresDue``, is no longer due (then `nil`): records the run with its owner
    /// and a lease until `now + owner.leaseSeconds`, and moves the task's next run time past `now`
    /// (``Schedule/nextRunTime(after:frequency:now:)``), in one transaction that holds the task's
    /// row, so that of several instances asking at once exactly one starts it.
    func startRun(taskID: Int64, trigger: RunTrigger, now: Int64, owner: RunOwner) async throws -> RunRecord?
    /// Extends the leases of every run `instance` has running to `until`; returns how many.
    func renewLeases(instance: String, until: Int64) async throws -> Int
    /// On a store several instances share: marks running runs whose lease expired before `now`
    /// as interrupted (their instance stopped) and returns them, so that their tasks are run
    /// again. A single-process store returns none (``interruptRunningRuns(at:)`` at start-up
    /// does that work there).
    /// Commits a run's findings, its counts and the source's new checkpoint in one transaction.
    func completeRun(_ completion: RunCompletion) async throws
    /// Ends a run that committed nothing (`failed` or `interrupted`).
    func abandonRun(id: Int64, status: RunStatus, error: String, at: Int64) async throws
    func reclaimExpiredRuns(at now: Int64) async throws -> [RunRecord]
    /// At start-up of a single-process store: marks every run left `running` (by a crash) as
    /// interrupted; returns how many. A shared store leaves runs to their leases.
    func interruptRunningRuns(at: Int64) async throws -> Int

    func run(id: Int64) async throws -> RunRecord?
    /// Runs of a task, newest first.
    func runs(taskID: Int64, limit: Int) async throws -> [RunRecord]
    /// Findings of a task, newest first.
    func findings(taskID: Int64, query: FindingQuery) async throws -> [FindingRecord]

    /// The source checkpoint of a task (JSON), or `nil` before its first successful run.
    func checkpoint(taskID: Int64) async throws -> String?

    /// Stored minutes of a task's traffic from `since` on, in time order.
    func trafficMinutes(taskID: Int64, since: Int64) async throws -> [FeatureBucket]
    /// The latest `count` stored minutes of a task's traffic, in time order.
    func latestTrafficMinutes(taskID: Int64, count: Int) async throws -> [FeatureBucket]
    /// How many minutes of traffic a task has stored.
    func trafficMinuteCount(taskID: Int64) async throws -> Int
    /// The instant before which anomaly detection has scored the task's traffic.
    func scoredThrough(taskID: Int64) async throws -> Int64?
    func model(taskID: Int64) async throws -> StoredModel?
    /// Saves the expert system's choice for a task (replacing any earlier one).
    func saveModel(taskID: Int64, _ model: StoredModel) async throws

    func close() async throws
}

extension WeirStore {
    /// Starts a run owned by ``RunOwner/local``.
    public func startRun(taskID: Int64, trigger: RunTrigger, now: Int64) async throws -> RunRecord? {
        try await startRun(taskID: taskID, trigger: trigger, now: now, owner: .local)
    }
}

/// A storage failure worded for the one-line error of `weir` and the service's logs.
public struct StoreError: Error, CustomStringConvertible, Sendable {
    public let description: String
    /// The SQLSTATE code of a PostgreSQL error, when the server gave one.
    public let sqlState: String?
    public init(_ description: String, sqlState: String? = nil) {
        self.description = description
        self.sqlState = sqlState
    }
}
