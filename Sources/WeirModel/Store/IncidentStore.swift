/// Incidents: the findings of one task, rule and key grouped over time. Runs open, extend and
/// resolve them in their own transaction (``RunStore/completeRun(_:)``).
public protocol IncidentStore: Sendable {
    /// Incidents newest first, as the query filters them.
    func incidents(_ query: IncidentQuery) async throws -> [Incident]
    func incident(id: Int64) async throws -> Incident?
    /// The findings of an incident, newest first.
    func findings(incidentID: Int64, limit: Int) async throws -> [FindingRecord]
    /// Resolves a task's open incidents at `now` (the task was deactivated), with their
    /// notifications; returns them.
    @discardableResult
    func resolveIncidents(taskID: Int64, policy: IncidentPolicy, at now: Int64) async throws -> [Incident]
    /// How many incidents are open, by rule.
    func openIncidentCounts() async throws -> [String: Int]
    /// How many incidents are open, by task (tasks with none are absent).
    func openIncidentCountsByTask() async throws -> [Int64: Int]
    /// Clients with an open incident of a per-client rule on an active task with `block` set.
    func blockedClients() async throws -> [BlockedClient]
}
