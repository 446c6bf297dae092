import WeirModel

/// Where the database is, from `WEIR_DATABASE_URL`: `sqlite:///abs/path.sqlite`,
/// `sqlite:relative.sqlite`, or `postgres://user:password@host:port/database`.
public enum DatabaseURL: Sendable, Equatable {
    case sqlite(path: String)
    case postgres(String)

    /// Parses a database URL; the error says what forms are accepted.
    public init(_ text: String) throws(StoreError) {
        if text.hasPrefix("sqlite://") {
            let path = String(text.dropFirst("sqlite://".count))
            guard path.hasPrefix("/") else {
                throw StoreError("\"\(text)\" has no absolute path; write sqlite:///abs/path.sqlite or sqlite:relative.sqlite")
            }
            self = .sqlite(path: path)
        } else if text.hasPrefix("sqlite:") {
            let path = String(text.dropFirst("sqlite:".count))
            guard !path.isEmpty else { throw StoreError("\"\(text)\" names no file; write sqlite:weir.sqlite") }
            self = .sqlite(path: path)
        } else if text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") {
            self = .postgres(text)
        } else {
            throw StoreError(
                "\"\(text)\" is not a database URL; use sqlite:weir.sqlite, sqlite:///abs/path.sqlite or postgres://user:password@host:5432/weir"
            )
        }
    }
}
