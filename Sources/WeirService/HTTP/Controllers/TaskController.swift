import Hummingbird
import WeirCore
import WeirSources
import WeirStore

/// `POST /tasks`, `GET /tasks`, `GET|PATCH|DELETE /tasks/{id}`: the tasks themselves.
struct TaskController: APIController {
    let store: any TaskStore & ChannelStore & IncidentStore
    let clock: any ServiceClock
    /// Seals OpenSearch passwords; `nil` without `WEIR_SECRET`.
    let vault: PasswordVault?
    /// Where file sources may be (`WEIR_SOURCE_DIRS`).
    let policy: SourcePolicy
    /// Told when a change of a task resolves its incidents.
    var events: CommitEvents? = nil

    var routes: RouteCollection<BasicRequestContext> {
        let routes = RouteCollection(context: BasicRequestContext.self)
        routes.post("/tasks") { request, _ in try await create(request) }
        routes.get("/tasks") { request, _ in try await list(request) }
        routes.get("/tasks/:id") { _, context in try Response.json(TaskResponse(try await lookup.task(context))) }
        routes.patch("/tasks/:id") { request, context in try await patch(request, context) }
        routes.delete("/tasks/:id") { _, context in try await delete(context) }
        return routes
    }

    var lookup: TaskLookup { TaskLookup(store: store) }

    /// The channels a task's `notify` may name.
    func channelIDs() async throws -> Set<Int64> {
        Set(try await store.channels().map(\.id))
    }

    func create(_ request: Request) async throws -> Response {
        let created = try await createTask(try await request.jsonBody())
        var response = try Response.json(TaskResponse(created), status: .created)
        response.headers[.location] = "/tasks/\(created.id)"
        return response
    }

    /// Validates a create body and stores the task; invalid fields throw ``APIError/invalid(_:)``.
    func createTask(_ body: JSONValue) async throws -> MonitoringTask {
        let now = clock.now()
        let draft: MonitoringTask
        let channels = try await channelIDs()
        do { draft = try TaskPayload.create(body, now: now, vault: vault, policy: policy, channels: channels) } catch {
            throw APIError.invalid(error)
        }
        return try await store.createTask(draft, now: now)
    }

    func list(_ request: Request) async throws -> Response {
        var errors = FieldErrors()
        var active: Bool?
        if let text = request.uri.queryParameters.get("active") {
            active = Settings.bool(text)
            if active == nil { errors.add("active", "must be true or false, got \"\(text)\"") }
        }
        let limit = ListLimit.of(request, &errors)
        let cursor = PageCursor(list: .tasks)
        let after = cursor.decode(request, &errors)
        if !errors.isEmpty { throw APIError.invalid(errors) }
        let rows = try await store.tasks(active: active, after: after, limit: limit + 1)
        return try cursor.response(request, rows: rows, limit: limit, id: \.id) { $0.map(TaskResponse.init) }
    }

    func patch(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let existing = try await lookup.task(context)
        return try .json(TaskResponse(try await patchTask(existing, with: try await request.jsonBody())))
    }

    /// Applies a patch body to `existing` and stores it; a task that stops watching ends its
    /// incidents. Invalid fields throw ``APIError/invalid(_:)``.
    func patchTask(_ existing: MonitoringTask, with body: JSONValue) async throws -> MonitoringTask {
        let changed: MonitoringTask
        let channels = try await channelIDs()
        do {
            changed = try TaskPayload.patch(body, onto: existing, now: clock.now(), vault: vault, policy: policy, channels: channels)
        } catch {
            throw APIError.invalid(error)
        }
        guard let saved = try await store.updateTask(changed, now: clock.now()) else { throw TaskLookup.noTask(existing.id) }
        if existing.isActive && !saved.isActive {  // a task that stops watching ends its incidents
            try await resolveIncidents(of: saved)
        }
        return saved
    }

    private func resolveIncidents(of task: MonitoringTask) async throws {
        let resolved = try await store.resolveIncidents(taskID: task.id, policy: task.incidentPolicy, at: clock.now())
        if !resolved.isEmpty { events?.publish(.incidentsResolved(taskID: task.id, count: resolved.count)) }
    }

    func delete(_ context: BasicRequestContext) async throws -> Response {
        let id = try TaskLookup.id(context)
        if let task = try await store.task(id: id) {  // its incidents end, and their channels are told
            try await resolveIncidents(of: task)
        }
        guard try await store.deleteTask(id: id) else { throw TaskLookup.noTask(id) }
        return Response(status: .noContent)
    }
}
