/// Where and how a channel sends, with its secrets opened: what ``MessageBuilder`` needs.
public struct Endpoint: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case webhook
        case slack
        case alertmanager
    }
    public var kind: Kind
    /// The webhook or Slack URL, or Alertmanager's base URL.
    public var url: String
    /// The webhook's HMAC-SHA256 key.
    public var secret: String?
    /// Extra request headers of a webhook.
    public var headers: [String: String]
    /// Extra Alertmanager labels.
    public var labels: [String: String]

    public init(kind: Kind, url: String, secret: String? = nil, headers: [String: String] = [:], labels: [String: String] = [:]) {
        self.kind = kind
        self.url = url
        self.secret = secret
        self.headers = headers
        self.labels = labels
    }
}
