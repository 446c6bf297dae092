/// Where a notification channel sends: a signed JSON webhook, a Slack-compatible incoming
/// webhook, or Alertmanager's API v2.
public enum ChannelType: String, Sendable, CaseIterable, Codable {
    case webhook
    case slack
    case alertmanager
}
