/// A notification channel. Secrets are stored sealed (by the service's `WEIR_SECRET`): the
/// webhook secret, custom headers, and a Slack URL (which is itself a credential).
public struct Channel: Sendable, Equatable {
    public var id: Int64
    public var name: String
    public var type: ChannelType
    /// The receiver's URL; sealed for ``ChannelType/slack``.
    public var url: String
    /// The sealed HMAC secret of a webhook.
    public var sealedSecret: String?
    /// Custom request headers of a webhook, as sealed JSON.
    public var sealedHeaders: String?
    /// Extra Alertmanager labels.
    public var labels: [String: String]
    public var createdAt: Int64
    public var updatedAt: Int64

    public init(
        id: Int64 = 0,
        name: String,
        type: ChannelType,
        url: String,
        sealedSecret: String? = nil,
        sealedHeaders: String? = nil,
        labels: [String: String] = [:],
        createdAt: Int64 = 0,
        updatedAt: Int64 = 0
    ) {
        self.id = id
        self.name = name
        self.type = type
        self.url = url
        self.sealedSecret = sealedSecret
        self.sealedHeaders = sealedHeaders
        self.labels = labels
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}
