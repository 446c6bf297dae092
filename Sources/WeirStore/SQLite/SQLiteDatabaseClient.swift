import Logging
import SQLiteNIO
import ServiceLifecycle
import WeirCore
import WeirModel

/// SQLite through SQLiteNIO: one writer connection, used under a lock for every write and
/// transaction, and one reader connection for single `SELECT`s (WAL mode lets it read while
/// the writer writes).
public final class SQLiteDatabaseClient: SQLDatabase {
    public let dialect = SQLDialect.sqlite
    private let writer: SQLiteConnection
    private let reader: SQLiteConnection
    private let lock = AsyncSemaphore(permits: 1)
    /// Held by a service for its life, so that no second service writes the same file.
    private let writerLock: SQLiteWriterLock?

    /// Opens (creating if needed) the database file at `path`; with `exclusive`, first takes the
    /// file's writer lock, refusing to open a database another service holds.
    public init(path: String, logger: Logger, exclusive: Bool = false) async throws {
        let writerLock = exclusive ? try SQLiteWriterLock.acquire(databasePath: path) : nil
        do {
            (writer, reader) = try await Self.connect(path, logger)
        } catch {
            writerLock?.release()
            throw error
        }
        self.writerLock = writerLock
    }

    /// The writer (WAL mode) and reader connections of the file at `path`.
    private static func connect(_ path: String, _ logger: Logger) async throws -> (SQLiteConnection, SQLiteConnection) {
        let writer = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
        for pragma in ["PRAGMA journal_mode=WAL", "PRAGMA foreign_keys=ON", "PRAGMA busy_timeout=5000", "PRAGMA synchronous=NORMAL"] {
            _ = try await writer.query(pragma)
        }
        let reader = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
        for pragma in ["PRAGMA foreign_keys=ON", "PRAGMA busy_timeout=5000"] {
            _ = try await reader.query(pragma)
        }
        return (writer, reader)
    }

    @discardableResult
    public func query(_ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow] {
        if sql.hasPrefix("SELECT") { return try await Self.run(reader, sql, binds) }
        return try await lock.withPermit { try await Self.run(self.writer, sql, binds) }
    }

    /// Runs `body` between `BEGIN IMMEDIATE` and `COMMIT`, or `ROLLBACK` on any error. The three
    /// statements are sent from a task of their own: SQLiteNIO can run a statement and still
    /// report the caller's cancellation, and a `BEGIN` (or `COMMIT`) whose outcome is misread would
    /// leave the connection inside a transaction that swallows every later write.
    public func transaction<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await lock.withPermit {
            let writer = self.writer
            let handle = Transaction(connection: writer)
            do {
                try await Self.execute("BEGIN IMMEDIATE", on: writer)
                try Task.checkCancellation()
                let result = try await body(handle)
                try Task.checkCancellation()
                try await Self.execute("COMMIT", on: writer)
                return result
            } catch {
                try? await Self.execute("ROLLBACK", on: writer)
                throw error
            }
        }
    }

    /// Sends `sql` and waits for its real outcome, whether or not the calling task is cancelled.
    private static func execute(_ sql: String, on connection: SQLiteConnection) async throws {
        try await Shielded.run { _ = try await connection.query(sql) }
    }

    /// SQLite's connections need no running: waits for graceful shutdown or cancellation.
    public func run() async throws {
        try? await gracefulShutdown()
    }

    public func close() async throws {
        defer { writerLock?.release() }
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

        func run() async throws {}

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
