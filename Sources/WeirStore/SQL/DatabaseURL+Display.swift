import WeirModel

extension DatabaseURL {
    /// The URL for messages and logs, its password shown as `***` (the same redaction as the
    /// store's own errors).
    public var display: String {
        switch self {
        case .sqlite(let path): "sqlite:\(path)"
        case .postgres(let url): PostgresLocation.redacted(url)
        }
    }
}
