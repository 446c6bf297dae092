/// One step of the schema: its version (its place in ``Migrations/all``) and the statements that
/// take a database from the version before to it, written for either dialect.
protocol SchemaMigration: Sendable {
    /// The schema version this migration brings a database to.
    var version: Int { get }
    /// The statements, in order, for `dialect`.
    func statements(_ dialect: SQLDialect) -> [String]
}
