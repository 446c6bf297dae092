import WeirCore
import WeirDetect
import WeirModel
import WeirRules

/// The schema and the rule catalogue in SQL (``SchemaStore``).
extension SQLStore: SchemaStore {
    /// The schema version this weir migrates to.
    public static var latestSchemaVersion: Int { Migrations.all.count }

    public func migrate() async throws {
        let latest = Self.latestSchemaVersion
        // Each migration in its own transaction, under the dialect's migration lock, so that
        // instances starting together apply each one once.
        for migration in Migrations.all {
            try await database.transaction { tx in
                let applied = try await Self.lockedSchemaVersion(tx)
                guard applied <= latest else {
                    throw StoreError("the database has schema version \(applied), newer than this weir (\(latest)); upgrade weir")
                }
                guard migration.version > applied else { return }
                for sql in migration.statements(tx.dialect) { try await tx.query(sql, []) }
                try await tx.query("INSERT INTO weir_schema (version, applied_at) VALUES (?, ?)", [.integer(Int64(migration.version)), .integer(0)])
            }
        }
        try await database.transaction { tx in
            if !tx.dialect.migrationLock.isEmpty { try await tx.query(tx.dialect.migrationLock, []) }
            for rule in RuleCatalogue.all {
                try await tx.query(
                    """
                    INSERT INTO task_properties (name, description, value_type, example) VALUES (?, ?, ?, ?)
                    ON CONFLICT (name) DO UPDATE SET description = excluded.description,
                        value_type = excluded.value_type, example = excluded.example
                    """,
                    [.text(rule.name), .text(rule.description), .text(rule.valueType), .text(JSONText.encode(rule.example))]
                )
            }
        }
    }

    public func reset() async throws {
        for table in Migrations.tables { try await database.query("DROP TABLE IF EXISTS \(table)", []) }
    }

    public func ping() async throws {
        try await database.query("SELECT 1 AS one", [])
    }

    /// The applied version; 0 for a new database (the version table is created if missing).
    public func schemaVersion() async throws -> Int {
        try await database.transaction { tx in try await Self.lockedSchemaVersion(tx) }
    }

    /// The applied version, read inside `tx` after taking the migration lock.
    static func lockedSchemaVersion(_ tx: any SQLDatabase) async throws -> Int {
        let d = tx.dialect
        if !d.migrationLock.isEmpty { try await tx.query(d.migrationLock, []) }
        try await tx.query("CREATE TABLE IF NOT EXISTS weir_schema (version \(d.bigInteger) NOT NULL, applied_at \(d.bigInteger) NOT NULL)", [])
        let rows = try await tx.query("SELECT MAX(version) AS version FROM weir_schema", [])
        return Int(rows.first?.optionalInt("version") ?? 0)
    }

    public func ruleCatalogue() async throws -> [RuleDescription] {
        try await database.query("SELECT name, description, value_type, example FROM task_properties ORDER BY name", []).map {
            RuleDescription(
                name: $0.text("name"),
                description: $0.text("description"),
                valueType: $0.text("value_type"),
                example: try JSONText.value($0.text("example"))
            )
        }
    }
}
