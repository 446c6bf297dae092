import Hummingbird
import WeirWeb

/// The dashboard's errors as pages: a refused form, an unknown task or a cross-origin request is
/// answered with its status and a page that says what went wrong, not the API's JSON.
struct DashboardErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    let renderer: DashboardRenderer

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            var signedIn = !renderer.sessions.isRequired
            if !signedIn, let session = try? await renderer.sessions.session(of: request) { signedIn = session != nil }
            var response = renderer.response(
                ErrorView(heading: "\(error.status.code) \(error.status.reasonPhrase)", message: error.message),
                status: error.status,
                signedIn: signedIn
            )
            for field in error.headers { response.headers.append(field) }
            return response
        }
    }
}
