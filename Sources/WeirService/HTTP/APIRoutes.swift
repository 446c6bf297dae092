import Foundation
import Hummingbird
import WeirCore
import WeirDetect
import WeirLog
import WeirRules
import WeirSources
import WeirStore

/// The HTTP API of `service.md`. Every route is added through ``add(_:_:_:)``, which also records
/// it, so a test can hold the routes against the OpenAPI document.
struct APIRoutes: Sendable {
    static let maxBodySize = 256 * 1024
    let store: any WeirStore
    let coordinator: RunCoordinator
    let clock: any ServiceClock
    let metrics: ServiceMetrics
    let version: String
    let retuneMinutes: Int
    /// Seals OpenSearch passwords; `nil` without `WEIR_SECRET`.
    let vault: PasswordVault?

    typealias Context = BasicRequestContext
    typealias Handler = @Sendable (Request, Context) async throws -> Response

    /// Adds every route to `router`; returns them as `METHOD /path/{param}`.
    func register(on router: Router<Context>) -> [String] {
        var routes: [String] = []
        func add(_ method: HTTPRequest.Method, _ path: String, _ handler: @escaping Handler) {
            router.on(RouterPath(path), method: method) { request, context in try await handler(request, context) }
            let documented = path.split(separator: "/").map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }
            routes.append("\(method.rawValue) /\(documented.joined(separator: "/"))")
        }
        add(.get, "/health", health)
        add(.get, "/metrics") { _, _ in Self.text(metrics.render(), type: "text/plain; version=0.0.4; charset=utf-8") }
        add(.get, "/openapi.json") { _, _ in Self.text(OpenAPIDocument.json, type: "application/json") }
        add(.get, "/task-properties") { _, _ in try Self.json(try await store.ruleCatalogue()) }
        add(.get, "/task-properties/:name", ruleDescription)
        add(.post, "/tasks", createTask)
        add(.get, "/tasks", listTasks)
        add(.get, "/tasks/:id") { _, context in try Self.json(TaskResponse(try await task(context))) }
        add(.patch, "/tasks/:id", patchTask)
        add(.delete, "/tasks/:id", deleteTask)
        add(.post, "/tasks/:id/run", runNow)
        add(.get, "/tasks/:id/runs", listRuns)
        add(.get, "/tasks/:id/findings", listFindings)
        add(.get, "/tasks/:id/model", taskModel)
        return routes
    }

    // MARK: handlers

    /// What the expert system chose for the task, and why; the default model until it has chosen.
    func taskModel(_ request: Request, _ context: Context) async throws -> Response {
        let task = try await task(context)
        let settings = DetectionPayload.settings(of: task)
        let stored = try await store.model(taskID: task.id)
        let minutes = try await store.trafficMinuteCount(taskID: task.id)
        return try Self.json(ModelResponse(task: task, settings: settings, stored: stored, minutes: minutes, retuneMinutes: retuneMinutes))
    }

    func health(_ request: Request, _ context: Context) async throws -> Response {
        do {
            try await store.ping()
            return try Self.json(HealthResponse(status: "ok", database: "ok", version: version))
        } catch {
            return try Self.json(HealthResponse(status: "unavailable", database: "unreachable: \(error)", version: version),
                                 status: .serviceUnavailable)
        }
    }

    func ruleDescription(_ request: Request, _ context: Context) async throws -> Response {
        let name = context.parameters.get("name") ?? ""
        guard let rule = try await store.ruleCatalogue().first(where: { $0.name == name }) else {
            throw APIError.notFound("no rule named \"\(name)\"; GET /task-properties lists them")
        }
        return try Self.json(rule)
    }

    func createTask(_ request: Request, _ context: Context) async throws -> Response {
        let body = try await Self.body(request)
        let now = clock.now()
        let draft: MonitoringTask
        do { draft = try TaskPayload.create(body, now: now, vault: vault) } catch { throw APIError.invalid(error) }
        let created = try await store.createTask(draft, now: now)
        var response = try Self.json(TaskResponse(created), status: .created)
        response.headers[.location] = "/tasks/\(created.id)"
        return response
    }

    func listTasks(_ request: Request, _ context: Context) async throws -> Response {
        var active: Bool?
        if let text = request.uri.queryParameters.get("active") {
            guard let b = Settings.bool(text) else {
                throw APIError.invalid(Self.fieldError("active", "must be true or false, got \"\(text)\""))
            }
            active = b
        }
        let tasks = try await store.tasks(activeOnly: active == true).filter { active == nil || $0.isActive == active }
        return try Self.json(tasks.map(TaskResponse.init))
    }

    func patchTask(_ request: Request, _ context: Context) async throws -> Response {
        let existing = try await task(context)
        let body = try await Self.body(request)
        let changed: MonitoringTask
        do { changed = try TaskPayload.patch(body, onto: existing, now: clock.now(), vault: vault) } catch { throw APIError.invalid(error) }
        guard let saved = try await store.updateTask(changed, now: clock.now()) else { throw Self.noTask(existing.id) }
        return try Self.json(TaskResponse(saved))
    }

    func deleteTask(_ request: Request, _ context: Context) async throws -> Response {
        let id = try Self.taskID(context)
        guard try await store.deleteTask(id: id) else { throw Self.noTask(id) }
        return Response(status: .noContent)
    }

    func runNow(_ request: Request, _ context: Context) async throws -> Response {
        let id = try Self.taskID(context)
        switch try await coordinator.start(taskID: id, trigger: .manual) {
        case .started(let run):
            var response = try Self.json(RunAccepted(run_id: run.id, task_id: id, status: run.status.rawValue), status: .accepted)
            response.headers[.location] = "/tasks/\(id)/runs"
            return response
        case .alreadyRunning:
            throw APIError(.conflict, code: "already_running", message: "task \(id) is running now; GET /tasks/\(id)/runs shows its run")
        case .noSuchTask:
            throw Self.noTask(id)
        }
    }

    func listRuns(_ request: Request, _ context: Context) async throws -> Response {
        let task = try await task(context)
        var errors = FieldErrors()
        let limit = Self.limit(request, &errors)
        if !errors.isEmpty { throw APIError.invalid(errors) }
        return try Self.json(try await store.runs(taskID: task.id, limit: limit).map(RunResponse.init))
    }

    func listFindings(_ request: Request, _ context: Context) async throws -> Response {
        let task = try await task(context)
        var errors = FieldErrors()
        var query = FindingQuery()
        let parameters = request.uri.queryParameters
        if let rule = parameters.get("rule") {
            if RuleName(rawValue: rule) != nil || rule == "anomaly" { query.rule = rule }
            else { errors.add("rule", "\"\(rule)\" is not a rule; use one of \(RuleName.allCases.map(\.rawValue).joined(separator: ", "))") }
        }
        if let since = parameters.get("since") {
            if let t = Timestamps.parse(since) { query.since = t } else { errors.add("since", "must be an RFC 3339 time, got \"\(since)\"") }
        }
        query.limit = Self.limit(request, &errors)
        if !errors.isEmpty { throw APIError.invalid(errors) }
        return try Self.json(try await store.findings(taskID: task.id, query: query).map(FindingResponse.init))
    }

    // MARK: helpers

    func task(_ context: Context) async throws -> MonitoringTask {
        let id = try Self.taskID(context)
        guard let task = try await store.task(id: id) else { throw Self.noTask(id) }
        return task
    }

    static func taskID(_ context: Context) throws -> Int64 {
        let text = context.parameters.get("id") ?? ""
        guard let id = Int64(text), id > 0 else { throw APIError.notFound("no task \"\(text)\"; task ids are positive integers") }
        return id
    }

    static func noTask(_ id: Int64) -> APIError {
        .notFound("no task with id \(id); GET /tasks lists them")
    }

    /// The `?limit=` of a list (default 100); an invalid one is added to `errors`.
    static func limit(_ request: Request, _ errors: inout FieldErrors) -> Int {
        guard let text = request.uri.queryParameters.get("limit") else { return 100 }
        guard let n = Int(text), (1...1000).contains(n) else {
            errors.add("limit", "must be a whole number from 1 to 1000, got \"\(text)\"")
            return 100
        }
        return n
    }

    static func fieldError(_ field: String, _ message: String) -> FieldErrors {
        var errors = FieldErrors()
        errors.add(field, message)
        return errors
    }

    /// The request body as JSON: 413 over the size limit, 400 when it is not JSON.
    static func body(_ request: Request) async throws -> JSONValue {
        let buffer = try await request.body.collect(upTo: maxBodySize)
        guard buffer.readableBytes > 0 else { throw APIError.badJSON("the body is empty; send a JSON object") }
        do {
            return try JSONDecoder().decode(JSONValue.self, from: Data(buffer.readableBytesView))
        } catch let DecodingError.dataCorrupted(context) {
            throw APIError.badJSON(((context.underlyingError as? NSError)?.userInfo[NSDebugDescriptionErrorKey] as? String) ?? context.debugDescription)
        } catch {
            throw APIError.badJSON("\(error)")
        }
    }

    static func json<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) throws -> Response {
        let data = try JSONCoding.encoder.encode(value)
        return Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func text(_ text: String, type: String) -> Response {
        Response(status: .ok, headers: [.contentType: type], body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
