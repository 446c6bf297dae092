import Hummingbird
import WeirCore
import WeirNotify
import WeirSources
import WeirStore

/// `POST /channels`, `GET /channels`, `GET|PATCH|DELETE /channels/{id}` and
/// `POST /channels/{id}/test`: where incidents are told.
struct ChannelController: APIController {
    let store: any ChannelStore
    let clock: any ServiceClock
    let vault: PasswordVault?
    let sender: NotificationSender
    let builder: MessageBuilder
    /// The hosts channels may send to (`WEIR_NOTIFY_HOSTS`).
    let receivers: ReceiverPolicy

    var routes: RouteCollection<BasicRequestContext> {
        let routes = RouteCollection(context: BasicRequestContext.self)
        routes.post("/channels") { request, _ in try await create(request) }
        routes.get("/channels") { _, _ -> Response in try Response.json(try await store.channels().map(ChannelResponse.init)) }
        routes.get("/channels/:id") { _, context -> Response in try Response.json(ChannelResponse(try await channel(context))) }
        routes.patch("/channels/:id") { request, context in try await patch(request, context) }
        routes.delete("/channels/:id") { _, context in try await delete(context) }
        routes.post("/channels/:id/test") { _, context in try await test(context) }
        return routes
    }

    func channel(_ context: BasicRequestContext) async throws -> Channel {
        let id = try IDParameter.of(context, "channel", list: "/channels")
        guard let channel = try await store.channel(id: id) else { throw Self.noChannel(id) }
        return channel
    }

    static func noChannel(_ id: Int64) -> APIError { .notFound("no channel with id \(id); GET /channels lists them") }

    func create(_ request: Request) async throws -> Response {
        let created = try await createChannel(try await request.jsonBody())
        var response = try Response.json(ChannelResponse(created), status: .created)
        response.headers[.location] = "/channels/\(created.id)"
        return response
    }

    /// Validates a create body and stores the channel; invalid fields throw ``APIError/invalid(_:)``.
    func createChannel(_ body: JSONValue) async throws -> Channel {
        let draft: Channel
        do { draft = try ChannelPayload.create(body, vault: vault, receivers: receivers) } catch { throw APIError.invalid(error) }
        return try await store.createChannel(draft, now: clock.now())
    }

    func patch(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let existing = try await channel(context)
        let body = try await request.jsonBody()
        let changed: Channel
        do { changed = try ChannelPayload.patch(body, onto: existing, vault: vault, receivers: receivers) } catch { throw APIError.invalid(error) }
        guard let saved = try await store.updateChannel(changed, now: clock.now()) else { throw Self.noChannel(existing.id) }
        return try .json(ChannelResponse(saved))
    }

    func delete(_ context: BasicRequestContext) async throws -> Response {
        let id = try IDParameter.of(context, "channel", list: "/channels")
        guard try await store.deleteChannel(id: id) else { throw Self.noChannel(id) }
        return Response(status: .noContent)
    }

    /// Sends a `test` event now and answers with how the receiver answered.
    func test(_ context: BasicRequestContext) async throws -> Response {
        try .json(try await sendTest(to: try await channel(context)))
    }

    /// Sends a `test` event to `channel` now; 409 when the channel cannot be used.
    func sendTest(to channel: Channel) async throws -> TestResult {
        let endpoint: Endpoint
        do { endpoint = try ChannelEndpoint.of(channel, vault: vault, receivers: receivers) } catch {
            throw APIError(.conflict, code: "channel_unusable", message: "\(error)")
        }
        let event = NotificationEvent(event: "test", incident: nil, taskID: nil, taskName: "weir test")
        let result = await sender.send(builder.request(event, to: endpoint, deliveryID: "test-\(clock.now())", sentAt: clock.now()))
        return TestResult(delivered: result.succeeded, status: result.status, error: result.error, milliseconds: result.milliseconds)
    }

    struct TestResult: Encodable {
        let delivered: Bool
        let status: Int?
        let error: String?
        let milliseconds: Int64
    }
}
