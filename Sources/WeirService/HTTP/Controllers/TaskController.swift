import Hummingbird
import WeirCore
import WeirModel

/// `POST /tasks`, `GET /tasks`, `GET|PATCH|DELETE /tasks/{id}`: the tasks themselves, through
/// ``TaskService``.
struct TaskController: APIController {
    let tasks: TaskService

    var routes: RouteCollection<BasicRequestContext> {
        let routes = RouteCollection(context: BasicRequestContext.self)
        routes.post("/tasks") { request, _ in try await create(request) }
        routes.get("/tasks") { request, _ in try await list(request) }
        routes.get("/tasks/:id") { _, context in try Response.json(TaskResponse(try await lookup.task(context))) }
        routes.patch("/tasks/:id") { request, context in try await patch(request, context) }
        routes.delete("/tasks/:id") { _, context in try await delete(context) }
        return routes
    }

    var lookup: TaskLookup { TaskLookup(store: tasks.store) }

    func create(_ request: Request) async throws -> Response {
        let created = try await tasks.create(try await request.jsonBody())
        var response = try Response.json(TaskResponse(created), status: .created)
        response.headers[.location] = "/tasks/\(created.id)"
        return response
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
        let rows = try await tasks.store.tasks(active: active, after: after, limit: limit + 1)
        return try cursor.response(request, rows: rows, limit: limit, id: \.id) { $0.map(TaskResponse.init) }
    }

    func patch(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let existing = try await lookup.task(context)
        return try .json(TaskResponse(try await tasks.update(existing, with: try await request.jsonBody())))
    }

    func delete(_ context: BasicRequestContext) async throws -> Response {
        try await tasks.delete(id: try TaskLookup.id(context))
        return Response(status: .noContent)
    }
}
