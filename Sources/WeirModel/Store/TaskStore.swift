/// Monitoring tasks: their definition and schedule.
public protocol TaskStore: Sendable {
    func createTask(_ task: MonitoringTask, now: Int64) async throws -> MonitoringTask
    func task(id: Int64) async throws -> MonitoringTask?
    /// Tasks in id order: only those whose `is_active` is `active` when given, only ids after
    /// `after` when given, at most `limit` when given (a page is an index range scan).
    func tasks(active: Bool?, after: Int64?, limit: Int?) async throws -> [MonitoringTask]
    /// Saves every field of an existing task; `nil` when it does not exist.
    func updateTask(_ task: MonitoringTask, now: Int64) async throws -> MonitoringTask?
    /// Deletes a task with its runs, findings, checkpoint, traffic minutes and model; false when it
    /// did not exist.
    func deleteTask(id: Int64) async throws -> Bool
    /// Active tasks whose next run time is at or before `now`.
    func dueTasks(at now: Int64) async throws -> [MonitoringTask]
}

extension TaskStore {
    /// Every task, or every active one, in id order.
    public func tasks(activeOnly: Bool) async throws -> [MonitoringTask] {
        try await tasks(active: activeOnly ? true : nil, after: nil, limit: nil)
    }
}
