import Hummingbird
import WeirCore
import WeirLog
import WeirModel
import WeirSources
import WeirWeb

/// The dashboard's forms: create and edit a task, run it now, create a channel and send it a
/// test. Each goes through the use cases the API uses (``TaskService``, ``ChannelService``), and a
/// refused form comes back with the same message beside each field and the values kept.
struct DashboardFormController: APIController {
    let store: any WeirStore
    let renderer: DashboardRenderer
    let pages: DashboardPageController
    let tasks: TaskService
    let runs: RunController
    let channels: ChannelService

    var routes: RouteCollection<BasicRequestContext> {
        let routes = RouteCollection(context: BasicRequestContext.self)
        routes.post("/ui/tasks") { request, _ in try await create(request) }
        routes.post("/ui/tasks/:id") { request, context in try await edit(request, context) }
        routes.post("/ui/tasks/:id/run") { _, context in try await runNow(context) }
        routes.post("/ui/channels") { request, _ in try await createChannel(request) }
        routes.post("/ui/channels/:id/test") { _, context in try await testChannel(context) }
        return routes
    }

    func create(_ request: Request) async throws -> Response {
        let fields = try await request.formFields()
        var form = Self.form(.blank(), with: fields)
        var body = Self.taskFields(form)
        body["next_run_time"] = .string(Timestamps.rfc3339(tasks.clock.now()))
        // Rules that are not JSON go as a string, which the API refuses, so every other field is
        // checked too; the refusal's message is then replaced by the parser's.
        var rulesProblem: String?
        do { body["properties"] = try StrictJSONParser.parse(Array(form.rules.utf8)) } catch {
            rulesProblem = "is not JSON: \(error.description)"
            body["properties"] = .string(form.rules)
        }
        do {
            let created = try await tasks.create(.object(body))
            return .seeOther("/ui/tasks/\(created.id)")
        } catch let error as FieldErrors {
            var errors = Self.fieldErrors(error, except: rulesProblem == nil ? [] : ["properties"])
            if let rulesProblem { errors.add("properties", rulesProblem) }
            form.show(errors)
        }
        return renderer.response(NewTaskView(form: form), status: .unprocessableContent)
    }

    func edit(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let existing = try await TaskLookup(store: store).task(context)
        let fields = try await request.formFields()
        var form = Self.form(.editing(existing), with: fields)
        form.active = fields["active"] == "true"
        var body = Self.taskFields(form)
        body["is_active"] = .bool(form.active)
        if case .file = existing.target {} else { body["target_data"] = nil }
        do {
            let saved = try await tasks.update(existing, with: .object(body))
            return .seeOther("/ui/tasks/\(saved.id)")
        } catch let error as FieldErrors {
            form.show(error)
        }
        let page = try await pages.taskPage(existing, range: nil, form: form)
        return renderer.response(page, status: .unprocessableContent)
    }

    func runNow(_ context: BasicRequestContext) async throws -> Response {
        let id = try TaskLookup.id(context)
        _ = try await runs.start(taskID: id)
        return .seeOther("/ui/tasks/\(id)")
    }

    func createChannel(_ request: Request) async throws -> Response {
        let fields = try await request.formFields()
        let draft = ChannelsView.Draft(name: fields["name"] ?? "", type: fields["type"] ?? "", url: fields["url"] ?? "")
        let body: JSONValue = .object(["name": .string(draft.name), "type": .string(draft.type), "url": .string(draft.url)])
        do {
            let created = try await channels.create(body)
            return renderer.response(ChannelsView(channels: try await store.channels(), flash: "Channel \(created.name) created."))
        } catch let error as FieldErrors {
            let page = ChannelsView(channels: try await store.channels(), draft: draft, fieldErrors: error)
            return renderer.response(page, status: .unprocessableContent)
        }
    }

    func testChannel(_ context: BasicRequestContext) async throws -> Response {
        let channel = try await channels.channel(id: try IDParameter.of(context, "channel", list: "/channels"))
        let result = try await channels.sendTest(to: channel)
        let outcome =
            result.delivered
            ? "delivered (HTTP \(result.status ?? 0), \(result.milliseconds) ms)"
            : "not delivered: \(result.error ?? "HTTP \(result.status ?? 0)")"
        return renderer.response(ChannelsView(channels: try await store.channels(), flash: "Test to \(channel.name): \(outcome)."))
    }

    /// `base` with the values the user typed.
    static func form(_ base: TaskFormView, with fields: [String: String]) -> TaskFormView {
        var form = base
        form.name = fields["name"] ?? ""
        form.description = fields["description"] ?? ""
        form.path = fields["path"] ?? ""
        form.format = fields["format"] ?? ""
        form.frequency = fields["frequency"] ?? ""
        form.rules = fields["rules"] ?? form.rules
        return form
    }

    /// The API fields a task form fills; a frequency that is not a whole number is passed as text,
    /// so the API names the problem.
    static func taskFields(_ form: TaskFormView) -> [String: JSONValue] {
        let frequency: JSONValue = Int64(form.frequency).map { .number(Double($0)) } ?? .string(form.frequency)
        return [
            "name": .string(form.name),
            "description": .string(form.description),
            "task_frequency": frequency,
            "target_data": .object(["type": .string("file"), "path": .string(form.path), "format": .string(form.format)]),
        ]
    }

    /// `error`'s messages but those of the fields in `left`.
    static func fieldErrors(_ error: FieldErrors, except left: Set<String> = []) -> FieldErrors {
        var errors = FieldErrors()
        for (field, message) in error.messages where !left.contains(field) { errors.add(field, message) }
        return errors
    }
}
