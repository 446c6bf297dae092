/// The transactional outbox of notifications: rows written with the run that caused them,
/// claimed by one instance at a time, and their attempts.
public protocol OutboxStore: Sendable {
    /// Claims up to `limit` pending notifications due at `now` for `instance` until `until`
    /// (another instance skips them; a claim that lapses, because its instance stopped, is taken
    /// again), oldest first.
    func claimNotifications(instance: String, now: Int64, until: Int64, limit: Int) async throws -> [OutboxNotification]
    /// Records an attempt and what follows it, and releases the claim.
    func recordAttempt(notificationID: Int64, _ attempt: NotificationAttempt, outcome: DeliveryOutcome) async throws
    func notification(id: Int64) async throws -> OutboxNotification?
    /// Notifications newest first.
    func notifications(_ query: NotificationQuery) async throws -> [OutboxNotification]
    /// The attempts of a notification, oldest first.
    func attempts(notificationID: Int64) async throws -> [NotificationAttempt]
    /// Delivered `incident.opened` notifications to Alertmanager channels whose incident is still
    /// open and which were last sent before `before`: Alertmanager forgets a firing alert that is
    /// not re-sent. Marks them sent at `now` and returns them.
    func claimAlertRefreshes(before: Int64, now: Int64, limit: Int) async throws -> [OutboxNotification]
}
