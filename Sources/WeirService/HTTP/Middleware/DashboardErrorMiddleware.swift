import Hummingbird
import WeirWeb

/// The dashboard's errors as pages: whatever a page throws (a refused form, an unknown task, a
/// cross-origin request, a store that fails) is answered with its status and a page that says
/// what went wrong, never the API's JSON; unexpected errors are logged and shown as a 500 page.
struct DashboardErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    let renderer: DashboardRenderer

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let error = ErrorMiddleware<Context>.apiError(for: error, request, logger: context.logger) { status, message, _ in
                ErrorMiddleware<Context>.statusError(status, message: message)
            }
            // Signed in: no session is needed, or the request carries a valid one (the error page
            // is shown even when revocations cannot be read; it then shows no sign-out).
            var signedIn = !renderer.sessions.isRequired
            if !signedIn { signedIn = (try? await renderer.sessions.session(of: request)) != nil }
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
