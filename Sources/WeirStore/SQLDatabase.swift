/// A value bound to or read from a SQL statement. Booleans are stored as integers 0 and 1 and
/// times as Unix seconds, so that every dialect stores them the same way.
public enum SQLValue: Sendable, Equatable {
    case null
    case integer(Int64)
    case double(Double)
    case text(String)

    public static func optional(_ text: String?) -> SQLValue { text.map { .text($0) } ?? .null }
    public static func optional(_ value: Int64?) -> SQLValue { value.map { .integer($0) } ?? .null }
    public static func optional(_ value: Int?) -> SQLValue { value.map { .integer(Int64($0)) } ?? .null }
    public static func bool(_ value: Bool) -> SQLValue { .integer(value ? 1 : 0) }
}

/// One result row, by column name.
public struct SQLRow: Sendable {
    public var values: [String: SQLValue]

    public init(values: [String: SQLValue]) {
        self.values = values
    }

    public func int(_ column: String) -> Int64 {
        switch values[column] {
        case .integer(let i): i
        case .double(let d): Int64(d)
        case .text(let t): Int64(t) ?? 0
        default: 0
        }
    }

    public func optionalInt(_ column: String) -> Int64? {
        if case .null = values[column] ?? .null { return nil }
        return int(column)
    }

    public func text(_ column: String) -> String {
        optionalText(column) ?? ""
    }

    public func optionalText(_ column: String) -> String? {
        switch values[column] {
        case .text(let t): t
        case .integer(let i): String(i)
        case .double(let d): String(d)
        default: nil
        }
    }

    public func bool(_ column: String) -> Bool { int(column) != 0 }
}

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

    public static let sqlite = SQLDialect(autoIncrementPrimaryKey: "INTEGER PRIMARY KEY AUTOINCREMENT",
                                          bigInteger: "INTEGER", skipLocked: "", migrationLock: "", isShared: false)
    public static let postgres = SQLDialect(autoIncrementPrimaryKey: "BIGSERIAL PRIMARY KEY",
                                            bigInteger: "BIGINT", skipLocked: "FOR UPDATE SKIP LOCKED",
                                            migrationLock: "SELECT pg_advisory_xact_lock(2026112101)", isShared: true)
}

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

    /// Closes the connections.
    func close() async throws
}
