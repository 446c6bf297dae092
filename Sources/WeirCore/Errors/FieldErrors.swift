/// Validation messages keyed by the field they are about (`name`, `properties.black_ip_address[1]`),
/// gathered so that one answer lists everything wrong with a request.
public struct FieldErrors: Error, Sendable, Equatable {
    public private(set) var messages: [String: String] = [:]

    public init() {}

    public var isEmpty: Bool { messages.isEmpty }

    /// Records `message` for `field`; the first message for a field is kept.
    public mutating func add(_ field: String, _ message: String) {
        if messages[field] == nil { messages[field] = message }
    }

    /// Adds every message of `other`.
    public mutating func merge(_ other: FieldErrors) {
        for (field, message) in other.messages { add(field, message) }
    }

    /// Every message as `field: message`, sorted by field and joined by `; `, for one-line errors.
    public var summary: String {
        messages.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: "; ")
    }

    /// Throws `self` when any message was recorded.
    public func throwIfAny() throws(FieldErrors) {
        if !isEmpty { throw self }
    }
}
