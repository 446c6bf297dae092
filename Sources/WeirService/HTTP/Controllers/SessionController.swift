import Hummingbird
import WeirWeb

/// `GET|POST /login` and `POST /logout`: the token exchanged for a session cookie, and back.
struct SessionController: APIController {
    let renderer: DashboardRenderer
    var sessions: DashboardSessions { renderer.sessions }

    var routes: RouteCollection<BasicRequestContext> {
        let routes = RouteCollection(context: BasicRequestContext.self)
        routes.get("/login") { request, _ in try await loginPage(request) }
        routes.post("/login") { request, _ in try await login(request) }
        routes.post("/logout") { request, _ in try await logout(request) }
        routes.get("/login/once/:code") { request, context in once(request, code: context.parameters.get("code") ?? "") }
        return routes
    }

    func loginPage(_ request: Request) async throws -> Response {
        let next = Self.localPath(request.uri.queryParameters.get("next"))
        guard sessions.isRequired, try await sessions.session(of: request) == nil else { return .seeOther(next) }
        return renderer.response(LoginView(next: next), signedIn: false)
    }

    func login(_ request: Request) async throws -> Response {
        let form = try await request.formFields()
        let next = Self.localPath(form["next"])
        guard sessions.isRequired else { return .seeOther(next) }
        guard sessions.accepts(form["token"] ?? ""), let cookie = sessions.newCookie(for: request) else {
            let page = LoginView(next: next, problem: "That is not the service's token; it is the WEIR_API_TOKEN the service was started with.")
            return renderer.response(page, status: .unauthorized, signedIn: false)
        }
        var response = Response.seeOther(next)
        response.setCookie(cookie)
        return response
    }

    /// A one-time link (printed by `weir demo`): logs in once, then says to use the token.
    func once(_ request: Request, code: String) -> Response {
        guard sessions.isRequired else { return .seeOther("/") }
        guard sessions.codes.redeem(code, now: sessions.clock.now()), let cookie = sessions.newCookie(for: request) else {
            let page = LoginView(next: "/", problem: "This one-time link was used already or has expired; log in with the token.")
            return renderer.response(page, status: .unauthorized, signedIn: false)
        }
        var response = Response.seeOther("/")
        response.setCookie(cookie)
        return response
    }

    func logout(_ request: Request) async throws -> Response {
        var response = Response.seeOther("/login")
        response.setCookie(try await sessions.end(request))
        return response
    }

    /// `path` when it is a path of this service (`/…`, not `//host`), else `/`.
    static func localPath(_ path: String?) -> String {
        guard let path, path.hasPrefix("/"), !path.hasPrefix("//"), !path.hasPrefix("/\\"),
            !path.unicodeScalars.contains(where: { $0.value < 0x20 || $0 == "\\" })
        else { return "/" }
        return path
    }
}
