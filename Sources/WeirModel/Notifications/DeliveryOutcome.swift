/// What follows an attempt: done, another attempt at a time, or given up.
public enum DeliveryOutcome: Sendable, Equatable {
    case delivered
    case retry(at: Int64)
    case failed
}
