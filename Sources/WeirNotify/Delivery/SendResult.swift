/// How a receiver answered one attempt.
public struct SendResult: Sendable, Equatable {
    /// The HTTP status, `nil` when there was no answer (refused, timed out, TLS failed).
    public var status: Int?
    /// What went wrong: the error, or the start of the receiver's body for a status not 2xx.
    public var error: String?
    public var milliseconds: Int64

    public init(status: Int?, error: String?, milliseconds: Int64) {
        self.status = status
        self.error = error
        self.milliseconds = milliseconds
    }

    public var succeeded: Bool { status.map { (200..<300).contains($0) } ?? false }

    /// Whether another attempt may succeed: no answer, 408, 429 or a 5xx. Any other 4xx (and a
    /// redirect, which a notification does not follow) will not change by asking again.
    public var isRetryable: Bool {
        guard let status else { return true }
        return status == 408 || status == 429 || status >= 500
    }
}
