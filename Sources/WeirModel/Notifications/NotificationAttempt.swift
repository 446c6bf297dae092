/// One attempt to deliver a notification.
public struct NotificationAttempt: Sendable, Equatable {
    public var at: Int64
    /// The receiver's HTTP status, `nil` when it did not answer.
    public var status: Int64?
    /// What went wrong, `nil` on success.
    public var error: String?
    public var milliseconds: Int64

    public init(at: Int64, status: Int64?, error: String?, milliseconds: Int64) {
        self.at = at
        self.status = status
        self.error = error
        self.milliseconds = milliseconds
    }
}
