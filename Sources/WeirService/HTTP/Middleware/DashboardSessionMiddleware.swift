import Foundation
import Hummingbird
import WeirWeb

/// The dashboard group's guard. With a token set, a page needs a valid session cookie (else a
/// page goes to the login page, and anything else is 401); without one the dashboard is as open
/// as the API. That a state change comes from this origin is ``SameOriginMiddleware``'s part.
struct DashboardSessionMiddleware<Context: RequestContext>: RouterMiddleware {
    let sessions: DashboardSessions

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let reads = request.method == .get || request.method == .head
        guard sessions.isRequired, try await sessions.session(of: request) == nil else { return try await next(request, context) }
        if reads, request.uri.path != LiveEventsController.path {
            let next = request.uri.path + (request.uri.query.map { "?\($0)" } ?? "")
            return .seeOther("/login?next=\(next.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/")")
        }
        throw APIError(.unauthorized, code: "session_required", message: "log in at /login first; the session cookie is missing or expired")
    }
}
