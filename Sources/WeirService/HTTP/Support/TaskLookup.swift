import Hummingbird
import WeirModel

/// The task a `/tasks/{id}…` route is about.
struct TaskLookup: Sendable {
    let store: any TaskStore

    /// The task named by the `id` path parameter; 404 when there is none.
    func task(_ context: BasicRequestContext) async throws -> MonitoringTask {
        let id = try Self.id(context)
        guard let task = try await store.task(id: id) else { throw TaskService.noTask(id) }
        return task
    }

    /// The `id` path parameter; 404 unless it is a positive integer.
    static func id(_ context: BasicRequestContext) throws -> Int64 {
        let text = context.parameters.get("id") ?? ""
        guard let id = Int64(text), id > 0 else { throw APIError.notFound("no task \"\(text)\"; task ids are positive integers") }
        return id
    }
}
