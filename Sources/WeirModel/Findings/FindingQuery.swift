import WeirDetect
import WeirRules

/// Which findings to list.
public struct FindingQuery: Sendable {
    public var rule: String?
    /// Only findings whose last time is at or after this instant.
    public var since: Int64?
    public var limit: Int
    /// Only findings older than the finding with this id (the next page of a newest-first list).
    public var before: Int64?

    public init(rule: String? = nil, since: Int64? = nil, limit: Int = 100) {
        self.rule = rule
        self.since = since
        self.limit = limit
    }
}
