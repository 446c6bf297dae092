import Hummingbird
import WeirCore
import WeirLog
import WeirRules
import WeirStore

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
        let parameters = request.uri.queryParameters
        if let rule = parameters.get("rule") {
            if FindingRuleNames.all.contains(rule) {
                query.rule = rule
            } else {
                let names = FindingRuleNames.all.joined(separator: ", ")
                errors.add("rule", "\"\(rule)\" is not a rule; use one of \(names)")
            }
        }
        if let since = parameters.get("since") {
            if let t = Timestamps.parseRFC3339(since) {
                query.since = t
            } else {
                errors.add("since", "must be an RFC 3339 time with an offset, such as 2026-11-21T10:00:00Z, got \"\(since)\"")
            }
        }
        let limit = ListLimit.of(request, &errors)
        let cursor = PageCursor(list: .findings)
        query.before = cursor.decode(request, &errors)
        query.limit = limit + 1
        if !errors.isEmpty { throw APIError.invalid(errors) }
        let rows = try await store.findings(taskID: task.id, query: query)
        return try cursor.response(request, rows: rows, limit: limit, id: \.id) { $0.map(FindingResponse.init) }
    }
}
