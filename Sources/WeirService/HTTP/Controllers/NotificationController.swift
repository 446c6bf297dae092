import Hummingbird
import WeirCore
import WeirModel

/// `GET /notifications` (newest first; `?state=&channel=&limit=`) and `GET /notifications/{id}`
/// with every attempt.
struct NotificationController: APIController {
    let store: any OutboxStore

    var routes: RouteCollection<BasicRequestContext> {
        let routes = RouteCollection(context: BasicRequestContext.self)
        routes.get("/notifications") { request, _ in try await list(request) }
        routes.get("/notifications/:id") { _, context in try await show(context) }
        return routes
    }

    func list(_ request: Request) async throws -> Response {
        var errors = FieldErrors()
        var query = NotificationQuery()
        let parameters = request.uri.queryParameters
        if let state = parameters.get("state") {
            query.state = NotificationState(rawValue: state)
            if query.state == nil { errors.add("state", "must be pending, delivered or failed, got \"\(state)\"") }
        }
        if let channel = parameters.get("channel") {
            query.channelID = Int64(channel).flatMap { $0 > 0 ? $0 : nil }
            if query.channelID == nil { errors.add("channel", "must be a channel id (a positive integer), got \"\(channel)\"") }
        }
        let limit = ListLimit.of(request, &errors)
        let cursor = PageCursor(list: .notifications)
        query.before = cursor.decode(request, &errors)
        query.limit = limit + 1
        if !errors.isEmpty { throw APIError.invalid(errors) }
        let rows = try await store.notifications(query)
        return try cursor.response(request, rows: rows, limit: limit, id: \.id) { $0.map { NotificationResponse($0) } }
    }

    func show(_ context: BasicRequestContext) async throws -> Response {
        let id = try IDParameter.of(context, "notification", list: "/notifications")
        guard let n = try await store.notification(id: id) else {
            throw APIError.notFound("no notification with id \(id); GET /notifications lists them")
        }
        return try .json(NotificationResponse(n, attempts: try await store.attempts(notificationID: id)))
    }
}
