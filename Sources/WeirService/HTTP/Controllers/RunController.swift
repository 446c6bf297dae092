import Hummingbird
import WeirCore
import WeirModel

/// `POST /tasks/{id}/run` and `GET /tasks/{id}/runs`: starting a run now, and a task's runs.
struct RunController: APIController {
    let store: any TaskStore & RunStore
    let coordinator: RunCoordinator

    var routes: RouteCollection<BasicRequestContext> {
        let routes = RouteCollection(context: BasicRequestContext.self)
        routes.post("/tasks/:id/run") { _, context in try await runNow(context) }
        routes.get("/tasks/:id/runs") { request, context in try await list(request, context) }
        return routes
    }

    func runNow(_ context: BasicRequestContext) async throws -> Response {
        let id = try TaskLookup.id(context)
        let run = try await start(taskID: id)
        let accepted = RunAccepted(run_id: run.id, task_id: id, status: run.status.rawValue)
        var response = try Response.json(accepted, status: .accepted)
        response.headers[.location] = "/tasks/\(id)/runs"
        return response
    }

    /// Starts a manual run of the task: 409 while it runs, 404 without it.
    func start(taskID id: Int64) async throws -> RunRecord {
        switch try await coordinator.start(taskID: id, trigger: .manual) {
        case .started(let run):
            return run
        case .alreadyRunning:
            throw APIError(.conflict, code: "already_running", message: "task \(id) is running now; GET /tasks/\(id)/runs shows its run")
        case .noSuchTask:
            throw TaskService.noTask(id)
        }
    }

    func list(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let task = try await TaskLookup(store: store).task(context)
        var errors = FieldErrors()
        let limit = ListLimit.of(request, &errors)
        let cursor = PageCursor(list: .runs)
        let before = cursor.decode(request, &errors)
        if !errors.isEmpty { throw APIError.invalid(errors) }
        let rows = try await store.runs(taskID: task.id, before: before, limit: limit + 1)
        return try cursor.response(request, rows: rows, limit: limit, id: \.id) { $0.map(RunResponse.init) }
    }
}
