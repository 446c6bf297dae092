import WeirCore
import WeirModel
import WeirSources

/// What may be done to tasks, for the API's controllers and the dashboard's forms alike: bodies
/// are validated into ``FieldErrors`` (a message per field), stored, and a task that stops
/// watching, or is deleted, ends its incidents (whose channels are told through the outbox).
struct TaskService: Sendable {
    let store: any TaskStore & ChannelStore & IncidentStore
    let clock: any WallClock
    /// Seals OpenSearch passwords; `nil` without `WEIR_SECRET`.
    let vault: PasswordVault?
    /// Where file sources may be (`WEIR_SOURCE_DIRS`).
    let policy: SourcePolicy
    /// Told when a change of a task resolves its incidents.
    var events: CommitEvents? = nil

    /// Validates a create body and stores the task.
    func create(_ body: JSONValue) async throws -> MonitoringTask {
        let now = clock.now()
        let draft = try TaskPayload.create(body, now: now, vault: vault, policy: policy, channels: try await channelIDs())
        return try await store.createTask(draft, now: now)
    }

    /// Applies a patch body to `existing` and stores it; a task that stops watching ends its
    /// incidents.
    func update(_ existing: MonitoringTask, with body: JSONValue) async throws -> MonitoringTask {
        let channels = try await channelIDs()
        let changed = try TaskPayload.patch(body, onto: existing, now: clock.now(), vault: vault, policy: policy, channels: channels)
        guard let saved = try await store.updateTask(changed, now: clock.now()) else { throw Self.noTask(existing.id) }
        if existing.isActive && !saved.isActive { try await resolveIncidents(of: saved) }
        return saved
    }

    /// Deletes the task with `id`, ending its incidents first so that their channels are told.
    func delete(id: Int64) async throws {
        if let task = try await store.task(id: id) { try await resolveIncidents(of: task) }
        guard try await store.deleteTask(id: id) else { throw Self.noTask(id) }
    }

    /// The channels a task's `notify` may name.
    private func channelIDs() async throws -> Set<Int64> {
        Set(try await store.channels().map(\.id))
    }

    private func resolveIncidents(of task: MonitoringTask) async throws {
        let resolved = try await store.resolveIncidents(taskID: task.id, policy: task.incidentPolicy, at: clock.now())
        if !resolved.isEmpty { events?.publish(.incidentsResolved(taskID: task.id, count: resolved.count)) }
    }

    /// The refusal for a task id that does not exist.
    static func noTask(_ id: Int64) -> UseCaseError {
        .notFound("no task with id \(id); GET /tasks lists them")
    }
}
