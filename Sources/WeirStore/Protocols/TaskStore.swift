/// Monitoring tasks: their definition and schedule.
public protocol TaskStore: Sendable {
    func createTask(_ task: MonitoringTask, now: Int64) async throws -> MonitoringTask
    func task(id: Int64) async throws -> MonitoringTask?
    func tasks(activeOnly: Bool) async throws -> [MonitoringTask]
    /// Saves every field of an existing task; `nil` when it does not exist.
    func updateTask(_ task: MonitoringTask, now: Int64) async throws -> MonitoringTask?
    /// Deletes a task with its runs, findings, checkpoint, traffic minutes and model; false when it
    /// did not exist.
    func deleteTask(id: Int64) async throws -> Bool
    /// Active tasks whose next run time is at or before `now`.
    func dueTasks(at now: Int64) async throws -> [MonitoringTask]
}
