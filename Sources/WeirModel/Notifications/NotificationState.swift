/// Where a notification is: waiting for (another) attempt, received, or given up on.
public enum NotificationState: String, Sendable, CaseIterable, Codable {
    case pending
    case delivered
    case failed
}
