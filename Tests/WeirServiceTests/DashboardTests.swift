import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Testing
import WeirCore
import WeirModel
import WeirRules
import WeirStore
import WeirWeb

@testable import WeirService

/// The dashboard through the real router: sessions, the same-origin rule, security headers,
/// escaping, forms with the API's field errors, assets and the live stream's chunks.
@Suite struct DashboardTests {
    static let token = "dashboard-token"
    static let sameSite: HTTPFields = [HTTPField.Name("Sec-Fetch-Site")!: "same-origin", .contentType: "application/x-www-form-urlencoded"]

    /// Logs in and gives the session cookie (`name=value`).
    static func login(_ client: some TestClientProtocol) async throws -> String {
        let response = try await client.execute(uri: "/login", method: .post, headers: sameSite, body: ByteBuffer(string: "token=\(token)&next=%2F"))
        #expect(response.status == .seeOther)
        let cookie = try #require(response.headers[.setCookie])
        return String(cookie.prefix { $0 != ";" })
    }

    static func page(_ client: some TestClientProtocol, _ uri: String, cookie: String) async throws -> TestResponse {
        try await client.execute(uri: uri, method: .get, headers: [.cookie: cookie])
    }

    @Test func pagesNeedASessionAndTheTokenGivesOne() async throws {
        let harness = try await Harness.make(token: Self.token)
        defer { harness.remove() }
        let loggedOut = try await Application(router: harness.server.makeRouter()).test(.router) { client in
            let anonymous = try await client.execute(uri: "/ui/incidents?state=open", method: .get)
            #expect(anonymous.status == .seeOther)
            #expect(anonymous.headers[.location] == "/login?next=%2Fui%2Fincidents%3Fstate%3Dopen")
            #expect(try await client.execute(uri: "/ui/events", method: .get).status == .unauthorized)

            let wrong = try await client.execute(uri: "/login", method: .post, headers: Self.sameSite, body: ByteBuffer(string: "token=nope"))
            #expect(wrong.status == .unauthorized)
            #expect(wrong.text.contains("id=\"login-error\""))
            #expect(wrong.headers[.setCookie] == nil)

            let response = try await client.execute(
                uri: "/login",
                method: .post,
                headers: Self.sameSite,
                body: ByteBuffer(string: "token=\(Self.token)&next=%2F%2Fevil.example")
            )
            #expect(response.headers[.location] == "/")  // never off the site
            let setCookie = try #require(response.headers[.setCookie])
            #expect(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict") && setCookie.contains("Path=/"))
            #expect(!setCookie.contains("Secure"))
            let cookie = String(setCookie.prefix { $0 != ";" })
            let overview = try await Self.page(client, "/", cookie: cookie)
            #expect(overview.status == .ok)
            #expect(overview.text.contains("<h1>Tasks</h1>"))
            let missing = try await Self.page(client, "/ui/tasks/999", cookie: cookie)
            #expect(missing.status == .notFound)
            #expect(missing.headers[.contentType] == "text/html; charset=utf-8")
            #expect(missing.text.contains("no task with id 999"), "\(missing.text)")

            // The API keeps its bearer token: a session cookie is not enough there.
            #expect(try await client.execute(uri: "/tasks", method: .get, headers: [.cookie: cookie]).status == .unauthorized)
            #expect(try await client.request(.get, "/tasks", token: Self.token).status == .ok)

            // A tampered cookie is refused.
            let tampered = String(cookie.dropLast()) + (cookie.hasSuffix("0") ? "1" : "0")
            #expect(try await Self.page(client, "/", cookie: tampered).status == .seeOther)

            // Logging out ends the session even for a copy of the cookie.
            let logout = try await client.execute(uri: "/logout", method: .post, headers: Self.sameSite.merging(cookie))
            #expect(logout.status == .seeOther)
            #expect(logout.headers[.setCookie]?.contains("Max-Age=0") == true)
            #expect(try await Self.page(client, "/", cookie: cookie).status == .seeOther)
            return cookie
        }
        // Another instance on the same database (or this one after a restart) refuses it too.
        let other = WeirServer(settings: harness.settings, store: harness.store, clock: harness.clock, logger: Logger(label: "other"))
        try await Application(router: other.makeRouter()).test(.router) { client in
            let logout = try await client.execute(uri: "/", method: .get, headers: [.cookie: loggedOut])
            #expect(logout.status == .seeOther && logout.headers[.location] == "/login?next=%2F")
        }
        try await harness.store.close()
    }

    @Test func aOneTimeLinkLogsInOnce() async throws {
        let harness = try await Harness.make(token: Self.token)
        defer { harness.remove() }
        let link = harness.server.oneTimeLoginPath()
        #expect(link.hasPrefix("/login/once/"))
        try await Application(router: harness.server.makeRouter()).test(.router) { client in
            let first = try await client.execute(uri: link, method: .get)
            #expect(first.status == .seeOther)
            let cookie = String(try #require(first.headers[.setCookie]).prefix { $0 != ";" })
            #expect(try await Self.page(client, "/", cookie: cookie).status == .ok)
            let again = try await client.execute(uri: link, method: .get)
            #expect(again.status == .unauthorized)
            #expect(again.headers[.setCookie] == nil)
            #expect(try await client.execute(uri: "/login/once/0123", method: .get).status == .unauthorized)
        }
        try await harness.store.close()
    }

    @Test func cookiesAreSecureBehindTLS() async throws {
        let harness = try await Harness.make(token: Self.token, settings: ["WEIR_PUBLIC_URL": "https://weir.example.com"])
        defer { harness.remove() }
        try await Application(router: harness.server.makeRouter()).test(.router) { client in
            let response = try await client.execute(
                uri: "/login",
                method: .post,
                headers: Self.sameSite,
                body: ByteBuffer(string: "token=\(Self.token)")
            )
            #expect(response.headers[.setCookie]?.contains("Secure") == true)
        }
        try await harness.store.close()
    }

    @Test func stateChangesMustComeFromThisOrigin() async throws {
        let harness = try await Harness.make(token: Self.token)
        defer { harness.remove() }
        // This client follows redirects, so the cookie is made as the login would make it.
        let cookie = "\(SessionSigner.cookieName)=\(SessionSigner(token: Self.token).issue(now: Harness.start).value)"
        try await Application(router: harness.server.makeRouter()).test(.ahc(.http)) { client in
            let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded", .cookie: cookie]
            let body = ByteBuffer(string: "name=x&path=%2Fvar%2Flog%2Fa.log&format=combined&frequency=60&rules=%7B%7D")
            var foreign = form
            foreign[.origin] = "http://evil.example"
            #expect(try await client.execute(uri: "/ui/tasks", method: .post, headers: foreign, body: body).status == .forbidden)
            #expect(try await client.execute(uri: "/ui/tasks", method: .post, headers: form, body: body).status == .forbidden)
            var crossSite = form
            crossSite[HTTPField.Name("Sec-Fetch-Site")!] = "cross-site"
            #expect(try await client.execute(uri: "/ui/tasks", method: .post, headers: crossSite, body: body).status == .forbidden)
            #expect(try await harness.store.tasks(activeOnly: false).isEmpty)
            let login = ByteBuffer(string: "token=\(Self.token)")
            let foreignLogin = try await client.execute(uri: "/login", method: .post, headers: foreign, body: login)
            #expect(foreignLogin.status == .forbidden && foreignLogin.headers[.setCookie] == nil, "no login from another site")
            #expect(try await client.execute(uri: "/logout", method: .post, headers: foreign).status == .forbidden)
            let port = try #require(client.port)
            var own = form
            own[.origin] = "http://localhost:\(port)"
            let created = try await client.execute(uri: "/ui/tasks", method: .post, headers: own, body: body)
            #expect(created.status == .ok)  // the task's page, after the redirect
            #expect(try await harness.store.tasks(activeOnly: false).count == 1)
        }
        try await harness.store.close()
    }

    @Test func pagesHaveAPolicyWithoutInlineScriptAndEscapeEverythingFromLogs() async throws {
        let harness = try await Harness.make(token: Self.token)
        defer { harness.remove() }
        let hostile = "<script>alert('x')</script>\"onmouseover=\"x"
        let path = "\(harness.directory)/access.log"
        let escapedAgent = hostile.replacingOccurrences(of: "\"", with: "\\\"")  // as Apache writes a quote inside a field
        var lines = (0..<40).map { i in
            "192.0.2.7 - - [15/Jan/2027:07:\(10 + i % 40):00 +0000] \"GET /<script>alert(1)</script>?q=\\\"x\\\" HTTP/1.1\" 404 12 \"-\" \"\(escapedAgent)\"\n"
        }
        lines.append("junk \u{FF}\u{FE} line\n")
        var bytes = Array(lines.joined().utf8)
        bytes.append(contentsOf: [0xC3, 0x28, 0x0A])  // invalid UTF-8
        FileManager.default.createFile(atPath: path, contents: Data(bytes))
        var task = try await harness.storedTask(hostile, path: path)
        task.rules = try TaskRules(properties: .object(["black_ip_address": .array([.string("192.0.2.0/24")])]))
        task = try #require(try await harness.store.updateTask(task, now: Harness.start))
        _ = try await harness.runOnce(task)
        let id = task.id
        try await Application(router: harness.server.makeRouter()).test(.router) { client in
            let cookie = try await Self.login(client)
            for uri in ["/", "/ui/tasks/\(id)", "/ui/incidents", "/ui/channels", "/ui/tasks/new"] {
                let response = try await Self.page(client, uri, cookie: cookie)
                let html = response.text
                let policy = try #require(response.headers[.contentSecurityPolicy], "\(uri)")
                #expect(policy.contains("script-src 'self'") && !policy.contains("unsafe-inline"), "\(uri)")
                #expect(response.headers[.contentType] == "text/html; charset=utf-8", "\(uri)")
                #expect(!html.contains("<script>"), "\(uri): an unescaped script tag")
                #expect(!html.contains("\"onmouseover"), "\(uri): an unescaped quote")
                let scripts = html.components(separatedBy: "<script").dropFirst()
                #expect(scripts.allSatisfy { $0.hasPrefix(" src=\"/assets/weir.js?v=") }, "\(uri): inline script")
            }
            let login = try await client.execute(uri: "/login", method: .get)
            #expect(login.headers[.contentSecurityPolicy] == DashboardHeadersMiddleware<BasicRequestContext>.policy)
            let page = try await Self.page(client, "/ui/tasks/\(id)", cookie: cookie).text
            #expect(page.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))
            #expect(page.contains("data-incident="))
            #expect(page.contains("data-finding="))
            let overview = try await Self.page(client, "/", cookie: cookie).text
            #expect(overview.contains("<td class=\"num\">1</td>"), "the task's one open incident is counted")
        }
        try await harness.store.close()
    }

    @Test func aBadFormShowsTheAPIsMessagesBesideItsFieldsAndKeepsTheValues() async throws {
        let harness = try await Harness.make(token: Self.token)
        defer { harness.remove() }
        try await Application(router: harness.server.makeRouter()).test(.router) { client in
            let cookie = try await Self.login(client)
            let body = "name=&description=kept&path=relative.log&format=bogus&frequency=often&rules=%7B%22black_ip_address%22%3A5%7D"
            let response = try await client.execute(
                uri: "/ui/tasks",
                method: .post,
                headers: Self.sameSite.merging(cookie),
                body: ByteBuffer(string: body)
            )
            #expect(response.status == .unprocessableContent)
            let html = response.text
            for field in ["name", "path", "format", "frequency", "rules"] {
                #expect(html.contains("id=\"\(field)-error\""), "no message beside \(field)")
            }
            #expect(html.contains(">kept</textarea>"))
            #expect(html.contains("value=\"relative.log\""))
            #expect(try await harness.store.tasks(activeOnly: false).isEmpty)

            let notJSON = "name=ok&path=%2Fvar%2Flog%2Fa.log&format=combined&frequency=60&rules=%7B"
            let second = try await client.execute(
                uri: "/ui/tasks",
                method: .post,
                headers: Self.sameSite.merging(cookie),
                body: ByteBuffer(string: notJSON)
            )
            #expect(second.status == .unprocessableContent)
            #expect(second.text.contains("is not JSON"))
            #expect(try await harness.store.tasks(activeOnly: false).isEmpty)

            let good = "name=front&path=%2Fvar%2Flog%2Fa.log&format=combined&frequency=60&rules=%7B%7D"
            let created = try await client.execute(
                uri: "/ui/tasks",
                method: .post,
                headers: Self.sameSite.merging(cookie),
                body: ByteBuffer(string: good)
            )
            #expect(created.status == .seeOther)
            let task = try #require(try await harness.store.tasks(activeOnly: false).first)
            #expect(created.headers[.location] == "/ui/tasks/\(task.id)")

            let edit = "name=renamed&path=%2Fvar%2Flog%2Fa.log&format=combined&frequency=0"
            let refused = try await client.execute(
                uri: "/ui/tasks/\(task.id)",
                method: .post,
                headers: Self.sameSite.merging(cookie),
                body: ByteBuffer(string: edit)
            )
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("id=\"frequency-error\""))
            let paused = "name=renamed&path=%2Fvar%2Flog%2Fa.log&format=combined&frequency=120"
            let saved = try await client.execute(
                uri: "/ui/tasks/\(task.id)",
                method: .post,
                headers: Self.sameSite.merging(cookie),
                body: ByteBuffer(string: paused)
            )
            #expect(saved.status == .seeOther)
            let stored = try #require(try await harness.store.task(id: task.id))
            #expect(stored.name == "renamed" && stored.frequency == 120 && !stored.isActive)
        }
        try await harness.store.close()
    }

    @Test func assetsAreCachedByVersionAndRevalidatedByETag() async throws {
        let harness = try await Harness.make()
        defer { harness.remove() }
        try await Application(router: harness.server.makeRouter()).test(.router) { client in
            let page = try await client.execute(uri: "/", method: .get)
            #expect(page.status == .ok)  // no token: the dashboard is as open as the API
            let link = try #require(page.text.firstMatch(of: /href="(\/assets\/weir\.css\?v=[0-9a-f]+)"/)?.1)
            let css = try await client.execute(uri: String(link), method: .get)
            #expect(css.status == .ok)
            #expect(css.headers[.cacheControl] == "public, max-age=31536000, immutable")
            #expect(css.headers[.contentType] == "text/css; charset=utf-8")
            let etag = try #require(css.headers[.eTag])
            let again = try await client.execute(uri: "/assets/weir.css", method: .get, headers: [.ifNoneMatch: etag])
            #expect(again.status == .notModified)
            #expect(try await client.execute(uri: "/assets/other.js", method: .get).status == .notFound)
        }
        try await harness.store.close()
    }

    /// A page whose store fails is an HTML error page with the dashboard's layout, not the API's
    /// JSON; the API's routes still answer JSON for the same failure.
    @Test func aFailingStoreOnAPageIsAnHTMLErrorPage() async throws {
        let harness = try await Harness.make()
        defer { harness.remove() }
        let task = try await harness.storedTask("front", path: "\(harness.directory)/access.log")
        try await harness.store.close()  // every query now fails
        try await Application(router: harness.server.makeRouter()).test(.router) { client in
            let page = try await client.execute(uri: "/ui/tasks/\(task.id)", method: .get)
            #expect(page.status == .internalServerError)
            #expect(page.headers[.contentType]?.hasPrefix("text/html") == true, "\(page.headers)")
            #expect(page.text.contains("the request failed inside Weir; the service log has the details"))
            let api = try await client.execute(uri: "/tasks/\(task.id)", method: .get)
            #expect(api.status == .internalServerError)
            #expect(api.headers[.contentType] == "application/json; charset=utf-8")
        }
    }

    @Test func theLiveStreamSaysWhatWasCommitted() async throws {
        let events = CommitEvents()
        let (written, continuation) = AsyncStream.makeStream(of: String.self)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await LiveEventsController.relay(events, heartbeat: .seconds(3600)) { continuation.yield($0) } }
            var chunks = written.makeAsyncIterator()
            #expect(await chunks.next() == "retry: 2000\n\n")
            while events.subscriberCount == 0 { await Task.yield() }
            events.publish(.incidentsResolved(taskID: 7, count: 2))
            #expect(await chunks.next() == "event: change\ndata: {\"task\":7,\"kind\":\"incidents\"}\n\n")
            group.cancelAll()
        }
        // The relay's group ended with the stream: nobody listens any longer.
        #expect(events.subscriberCount == 0)
    }
}

extension HTTPFields {
    /// These fields with a `Cookie`.
    func merging(_ cookie: String) -> HTTPFields {
        var fields = self
        fields[.cookie] = cookie
        return fields
    }
}
