import HTTPTypes
import Hummingbird
import WeirCore
import WeirModel
import WeirWeb

/// The dashboard's sessions: the token exchanged for a signed cookie, checked on each request,
/// and ended at logout, which the store keeps (``SessionStore``) so that every instance, and this
/// one after a restart, refuses the cookie. Without a token (a service open to anyone) no
/// session is needed.
struct DashboardSessions: Sendable {
    let token: String?
    let signer: SessionSigner?
    let store: any SessionStore
    let codes = OneTimeCodes()
    let clock: any WallClock
    /// Whether cookies get `Secure`: when the service's public URL is `https`.
    let secureCookies: Bool

    init(token: String?, publicURL: String?, clock: any WallClock, store: any SessionStore) {
        self.token = token
        self.store = store
        signer = token.map(SessionSigner.init(token:))
        self.clock = clock
        secureCookies = publicURL?.lowercased().hasPrefix("https://") ?? false
    }

    var isRequired: Bool { signer != nil }

    /// The request's valid session, if any: signed by this token, unexpired, not logged out.
    func session(of request: Request) async throws -> SessionSigner.Session? {
        guard let signer, let value = request.cookies[SessionSigner.cookieName]?.value,
            let session = signer.verify(value, now: clock.now())
        else { return nil }
        return try await store.isSessionRevoked(id: session.id) ? nil : session
    }

    /// Whether `presented` is the service's token, compared in constant time.
    func accepts(_ presented: String) -> Bool {
        guard let token else { return false }
        return ConstantTime.equal(Array(presented.utf8), Array(token.utf8))
    }

    /// A one-time login link's path, or `/` when the dashboard needs no session.
    func oneTimeLoginPath() -> String {
        isRequired ? "/login/once/\(codes.issue(now: clock.now()))" : "/"
    }

    /// A new session's cookie.
    func newCookie(for request: Request) -> Cookie? {
        guard let signer else { return nil }
        return cookie(signer.issue(now: clock.now()).value, maxAge: Int(SessionSigner.lifetime), request)
    }

    /// Ends the request's session, for every instance, and gives the cookie that clears it.
    func end(_ request: Request) async throws -> Cookie {
        if let session = try await session(of: request) {
            try await store.revokeSession(id: session.id, expiresAt: session.expiry, now: clock.now())
        }
        return cookie("", maxAge: 0, request)
    }

    private func cookie(_ value: String, maxAge: Int, _ request: Request) -> Cookie {
        let forwardedTLS = request.headers[HTTPField.Name("X-Forwarded-Proto")!]?.lowercased() == "https"
        return Cookie(
            name: SessionSigner.cookieName,
            value: value,
            maxAge: maxAge,
            path: "/",
            secure: secureCookies || forwardedTLS,
            httpOnly: true,
            sameSite: .strict
        )
    }
}
