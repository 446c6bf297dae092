import WeirModel

/// A database connection (or pool) that runs SQL written with `?` placeholders. Implemented on
/// SQLiteNIO here and on PostgresNIO for several instances, so that ``SQLStore`` holds Weir's
/// storage logic once for both.
public protocol SQLDatabase: Sendable {
    var dialect: SQLDialect { get }

    /// Runs one statement and returns its rows.
    @discardableResult
    func query(_ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow]

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws
    /// (cancellation included). Statements inside go through the handle passed to `body`.
    func transaction<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T

    /// Runs the connections until graceful shutdown or cancellation: PostgreSQL's pool answers no
    /// query until it runs; SQLite's connections need nothing and this only waits. In `weir
    /// serve` the store's service runs it in the `ServiceGroup`; elsewhere
    /// ``WeirStore/withConnections(_:)`` does, for the length of a body.
    func run() async throws

    /// Closes the connections.
    func close() async throws
}
