import Logging
import SQLiteNIO

/// SQLite through SQLiteNIO: one writer connection, used under a lock for every write and
/// transaction, and one reader connection for single `SELECT`s (WAL mode lets it read while
/// the writer writes).
public final class SQLiteDatabaseClient: SQLDatabase {
    public let dialect = SQLDialect.sqlite
    private let writer: SQLiteConnection
    private let reader: SQLiteConnection
    private let lock = AsyncSemaphore(permits: 1)

    /// Opens (creating if needed) the database file at `path`.
    public init(path: String, logger: Logger) async throws {
        writer = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
        for pragma in ["PRAGMA journal_mode=WAL", "PRAGMA foreign_keys=ON", "PRAGMA busy_timeout=5000", "PRAGMA synchronous=NORMAL"] {
            _ = try await writer.query(pragma)
        }
        reader = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
        for pragma in ["PRAGMA foreign_keys=ON", "PRAGMA busy_timeout=5000"] {
            _ = try await reader.query(pragma)
        }
    }

    @discardableResult
    public func query(_ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow] {
        if sql.hasPrefix("SELECT") { return try await Self.run(reader, sql, binds) }
        return try await lock.withPermit { try await Self.run(self.writer, sql, binds) }
    }

    public func transaction<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await lock.withPermit {
            let handle = Transaction(connection: self.writer)
            _ = try await self.writer.query("BEGIN IMMEDIATE")
            do {
                try Task.checkCancellation()
                let result = try await body(handle)
                try Task.checkCancellation()
                _ = try await self.writer.query("COMMIT")
                return result
            } catch {
                _ = try? await self.writer.query("ROLLBACK")
                throw error
            }
        }
    }

    public func close() async throws {
        try await reader.close()
        try await writer.close()
    }

    static func run(_ connection: SQLiteConnection, _ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow] {
        let rows = try await connection.query(sql, binds.map(\.sqlite))
        return rows.map { row in
            var values: [String: SQLValue] = [:]
            for column in row.columns { values[column.name] = SQLValue(column.data) }
            return SQLRow(values: values)
        }
    }

    /// The writer connection inside a transaction (the lock is already held).
    struct Transaction: SQLDatabase {
        let dialect = SQLDialect.sqlite
        let connection: SQLiteConnection

        @discardableResult
        func query(_ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow] {
            try await SQLiteDatabaseClient.run(connection, sql, binds)
        }

        func transaction<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
            try await body(self)
        }

        func close() async throws {}
    }
}

extension SQLValue {
    var sqlite: SQLiteData {
        switch self {
        case .null: .null
        case .integer(let i): .integer(numericCast(i))
        case .double(let d): .float(d)
        case .text(let t): .text(t)
        }
    }

    init(_ data: SQLiteData) {
        switch data {
        case .integer(let i): self = .integer(numericCast(i))
        case .float(let d): self = .double(d)
        case .text(let t): self = .text(t)
        case .blob(var b): self = .text(b.readString(length: b.readableBytes) ?? "")
        case .null: self = .null
        }
    }
}
