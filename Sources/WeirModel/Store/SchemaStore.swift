import WeirRules

/// The database itself: its schema, its reachability, the rule catalogue it seeds, and closing it.
public protocol SchemaStore: Sendable {
    /// Creates or migrates the schema and seeds the rule catalogue; harmless to repeat.
    func migrate() async throws
    /// Drops every table Weir owns. Only `weir setup-db --reset --yes` calls it.
    func reset() async throws
    /// Throws when the database cannot be reached.
    func ping() async throws
    /// The schema version applied.
    func schemaVersion() async throws -> Int
    /// The rules a task's `properties` may hold, as seeded by ``migrate()``.
    func ruleCatalogue() async throws -> [RuleDescription]
    /// Runs the store's connections (PostgreSQL's pool) until graceful shutdown or cancellation; a
    /// PostgreSQL store answers no query until they run. `weir serve` runs them as a service of
    /// its `ServiceGroup`; elsewhere ``withConnections(_:)`` runs them around a body.
    func runConnections() async throws
    /// Closes the connections; the store cannot be used afterwards.
    func close() async throws
}
