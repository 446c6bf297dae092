import WeirModel

/// The few places where SQL dialects differ in Weir's schema.
public struct SQLDialect: Sendable {
    /// The column definition of an auto-incremented 64-bit primary key.
    public var autoIncrementPrimaryKey: String
    /// The type of a 64-bit integer column.
    public var bigInteger: String
    /// The clause that makes a `SELECT … FOR UPDATE` skip rows locked by another instance, or ""
    /// where one writer at a time is the rule (SQLite).
    public var skipLocked: String
    /// A statement that, run first in a transaction, makes every other instance's migration wait
    /// for it, or "" where transactions are serial anyway (SQLite's `BEGIN IMMEDIATE`).
    public var migrationLock: String
    /// Whether several processes may share the database (then a run is another instance's until
    /// its lease expires, rather than a crash's leftover).
    public var isShared: Bool

    public static let sqlite = SQLDialect(
        autoIncrementPrimaryKey: "INTEGER PRIMARY KEY AUTOINCREMENT",
        bigInteger: "INTEGER",
        skipLocked: "",
        migrationLock: "",
        isShared: false
    )
    public static let postgres = SQLDialect(
        autoIncrementPrimaryKey: "BIGSERIAL PRIMARY KEY",
        bigInteger: "BIGINT",
        skipLocked: "FOR UPDATE SKIP LOCKED",
        migrationLock: "SELECT pg_advisory_xact_lock(2026112101)",
        isShared: true
    )
}
