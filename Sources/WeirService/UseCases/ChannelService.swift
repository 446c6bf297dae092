import WeirCore
import WeirModel
import WeirNotify
import WeirSources

/// What may be done to notification channels, for the API's controllers and the dashboard's forms
/// alike: bodies are validated into ``FieldErrors``, the URL's host against `WEIR_NOTIFY_HOSTS`,
/// and a test event is sent at once.
struct ChannelService: Sendable {
    let store: any ChannelStore
    let clock: any WallClock
    let vault: PasswordVault?
    let sender: NotificationSender
    let builder: MessageBuilder
    /// The hosts channels may send to (`WEIR_NOTIFY_HOSTS`).
    let receivers: ReceiverPolicy

    /// How a test event was answered.
    struct TestResult: Encodable, Sendable {
        let delivered: Bool
        let status: Int?
        let error: String?
        let milliseconds: Int64
    }

    /// The channel with `id`; ``UseCaseError/notFound(_:)`` when there is none.
    func channel(id: Int64) async throws -> Channel {
        guard let channel = try await store.channel(id: id) else { throw Self.noChannel(id) }
        return channel
    }

    /// Validates a create body and stores the channel.
    func create(_ body: JSONValue) async throws -> Channel {
        let draft = try ChannelPayload.create(body, vault: vault, receivers: receivers)
        return try await store.createChannel(draft, now: clock.now())
    }

    /// Applies a patch body to `existing` and stores it.
    func update(_ existing: Channel, with body: JSONValue) async throws -> Channel {
        let changed = try ChannelPayload.patch(body, onto: existing, vault: vault, receivers: receivers)
        guard let saved = try await store.updateChannel(changed, now: clock.now()) else { throw Self.noChannel(existing.id) }
        return saved
    }

    /// Deletes the channel with `id`.
    func delete(id: Int64) async throws {
        guard try await store.deleteChannel(id: id) else { throw Self.noChannel(id) }
    }

    /// Sends a `test` event to `channel` now; ``UseCaseError/conflict(code:message:)`` when the
    /// channel cannot be used (its secret cannot be opened, its host is not allowed).
    func sendTest(to channel: Channel) async throws -> TestResult {
        let endpoint: Endpoint
        do { endpoint = try ChannelEndpoint.of(channel, vault: vault, receivers: receivers) } catch {
            throw UseCaseError.conflict(code: "channel_unusable", message: "\(error)")
        }
        let event = NotificationEvent(event: "test", incident: nil, taskID: nil, taskName: "weir test")
        let result = await sender.send(builder.request(event, to: endpoint, deliveryID: "test-\(clock.now())", sentAt: clock.now()))
        return TestResult(delivered: result.succeeded, status: result.status, error: result.error, milliseconds: result.milliseconds)
    }

    /// The refusal for a channel id that does not exist.
    static func noChannel(_ id: Int64) -> UseCaseError {
        .notFound("no channel with id \(id); GET /channels lists them")
    }
}
