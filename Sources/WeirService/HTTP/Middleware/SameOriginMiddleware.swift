import Hummingbird

/// The dashboard's rule for state changes: any method but GET and HEAD must come from the
/// dashboard's own pages (``Request/isSameOrigin``), logins and logouts included, so no other
/// site can post a form with the user's cookie.
struct SameOriginMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if request.method != .get, request.method != .head, !request.isSameOrigin {
            throw APIError(.forbidden, code: "cross_origin", message: "a dashboard form must be sent from the dashboard's own pages")
        }
        return try await next(request, context)
    }
}
