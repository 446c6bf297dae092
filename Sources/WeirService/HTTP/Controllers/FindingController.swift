import Hummingbird
import WeirCore
import WeirLog
import WeirModel
import WeirRules

/// `GET /tasks/{id}/findings[?rule=&since=&limit=]`: what a task's runs found, newest first.
struct FindingController: APIController {
    let store: any TaskStore & FindingStore

    var routes: RouteCollection<BasicRequestContext> {
        let routes = RouteCollection(context: BasicRequestContext.self)
        routes.get("/tasks/:id/findings") { request, context in try await list(request, context) }
        return routes
    }

    func list(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let task = try await TaskLookup(store: store).task(context)
        var errors = FieldErrors()
        var query = FindingQuery()
        query.rule = ListFilter.rule(request, &errors)
        query.since = ListFilter.since(request, &errors)
        let limit = ListLimit.of(request, &errors)
        let cursor = PageCursor(list: .findings)
        query.before = cursor.decode(request, &errors)
        query.limit = limit + 1
        if !errors.isEmpty { throw APIError.invalid(errors) }
        let rows = try await store.findings(taskID: task.id, query: query)
        return try cursor.response(request, rows: rows, limit: limit, id: \.id) { $0.map(FindingResponse.init) }
    }
}
