import Hummingbird
import WeirCore
import WeirLog
import WeirModel

/// `GET /incidents`, `GET /tasks/{id}/incidents` (newest first; `?state=&rule=&since=&limit=`)
/// and `GET /incidents/{id}` with its findings.
struct IncidentController: APIController {
    let store: any TaskStore & IncidentStore

    var routes: RouteCollection<BasicRequestContext> {
        let routes = RouteCollection(context: BasicRequestContext.self)
        routes.get("/incidents") { request, _ in try await list(request, taskID: nil) }
        routes.get("/tasks/:id/incidents") { request, context in
            try await list(request, taskID: try await TaskLookup(store: store).task(context).id)
        }
        routes.get("/incidents/:id") { _, context in try await show(context) }
        return routes
    }

    func list(_ request: Request, taskID: Int64?) async throws -> Response {
        var errors = FieldErrors()
        var query = IncidentQuery(taskID: taskID)
        let parameters = request.uri.queryParameters
        if let state = parameters.get("state") {
            query.state = IncidentState(rawValue: state)
            if query.state == nil { errors.add("state", "must be open or resolved, got \"\(state)\"") }
        }
        query.rule = ListFilter.rule(request, &errors)
        query.since = ListFilter.since(request, &errors)
        let limit = ListLimit.of(request, &errors)
        let cursor = PageCursor(list: .incidents)
        query.before = cursor.decode(request, &errors)
        query.limit = limit + 1
        if !errors.isEmpty { throw APIError.invalid(errors) }
        let rows = try await store.incidents(query)
        return try cursor.response(request, rows: rows, limit: limit, id: \.id) { $0.map(IncidentResponse.init) }
    }

    func show(_ context: BasicRequestContext) async throws -> Response {
        let id = try IDParameter.of(context, "incident", list: "/incidents")
        guard let incident = try await store.incident(id: id) else {
            throw APIError.notFound("no incident with id \(id); GET /incidents lists them")
        }
        let findings = try await store.findings(incidentID: id, limit: ListLimit.maximum)
        return try .json(IncidentDetailResponse(incident: IncidentResponse(incident), findings: findings.map(FindingResponse.init)))
    }
}
