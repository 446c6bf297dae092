/// Findings that runs committed.
public protocol FindingStore: Sendable {
    /// Findings of a task, newest first.
    func findings(taskID: Int64, query: FindingQuery) async throws -> [FindingRecord]
}
