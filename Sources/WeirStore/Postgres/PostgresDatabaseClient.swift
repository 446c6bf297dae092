import Foundation
import Logging
import NIOSSL
import PostgresNIO
import WeirModel

/// PostgreSQL through PostgresNIO's connection pool, for several `weir serve` instances sharing
/// one database. Statements are written with `?` placeholders (as for SQLite) and numbered `$n`
/// here. The pool runs in ``run()``, as a service of the `ServiceGroup` (PostgresNIO's client is a
/// `Service`): it is started by whoever owns the store, never by an initialiser.
public final class PostgresDatabaseClient: SQLDatabase {
    public let dialect = SQLDialect.postgres
    private let client: PostgresClient
    private let logger: Logger
    private let target: String

    /// Connects to the database a `postgres://user:password@host:port/database?sslmode=…` URL
    /// names (`sslmode` is `disable`, `prefer`, the default, or `require`), and checks it answers
    /// with one connection first, so that a wrong URL fails at once with the server's reason.
    /// With `createIfMissing`, a database that does not exist yet is created (through the server's
    /// `postgres` database, with the same user).
    public init(url: String, logger: Logger, createIfMissing: Bool = true) async throws {
        let location = try PostgresLocation(url)
        target = location.description
        self.logger = logger
        do {
            try await location.withConnection(logger: logger) { _ in }
        } catch  where createIfMissing && Self.sqlState(error) == "3D000" {
            do {
                try await location.administer(logger: logger, "CREATE DATABASE \(Self.quoted(location.database))")
                logger.notice("created the PostgreSQL database", metadata: ["database": "\(location)"])
            } catch  where ["42P04", "23505"].contains(Self.sqlState(error)) {
                // Another instance starting at the same moment created it.
            }
        } catch {
            throw StoreError(
                "cannot use the PostgreSQL database \(location): \(Self.describe(error)); check WEIR_DATABASE_URL and that the server is running"
            )
        }
        client = PostgresClient(configuration: try location.poolConfiguration(), backgroundLogger: logger)
    }

    /// Drops the database `url` names (tests use one database each).
    public static func dropDatabase(url: String, logger: Logger) async throws {
        let location = try PostgresLocation(url)
        try await location.administer(logger: logger, "DROP DATABASE IF EXISTS \(quoted(location.database)) WITH (FORCE)")
    }

    private static func quoted(_ identifier: String) -> String {
        "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func sqlState(_ error: any Error) -> String? {
        (error as? PSQLError)?.serverInfo?[.sqlState] ?? (error as? StoreError)?.sqlState
    }

    @discardableResult
    public func query(_ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow] {
        let query = try Self.postgresQuery(sql, binds)
        do {
            return try await client.query(query, logger: logger).collect().map(Self.row)
        } catch {
            throw Self.storeError(error)
        }
    }

    /// `body` in PostgresNIO's `withTransaction`: committed when it returns, rolled back when it
    /// throws; a cancelled task rolls back rather than commit.
    public func transaction<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        let logger = logger
        do {
            return try await client.withTransaction(logger: logger) { connection in
                try Task.checkCancellation()
                let result = try await body(Transaction(connection: connection, logger: logger))
                try Task.checkCancellation()
                return result
            }
        } catch let error as PostgresTransactionError {
            throw error.closureError ?? Self.storeError(error.commitError ?? error.beginError ?? error)
        }
    }

    /// Runs the pool until graceful shutdown or cancellation.
    public func run() async throws {
        await client.run()
    }

    /// Nothing to do: the pool closes when ``run()`` ends.
    public func close() async throws {}

    /// One connection inside a transaction.
    struct Transaction: SQLDatabase {
        let dialect = SQLDialect.postgres
        let connection: PostgresConnection
        let logger: Logger

        @discardableResult
        func query(_ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow] {
            let query = try PostgresDatabaseClient.postgresQuery(sql, binds)
            do {
                return try await connection.query(query, logger: logger).collect().map(PostgresDatabaseClient.row)
            } catch {
                throw PostgresDatabaseClient.storeError(error)
            }
        }

        func transaction<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
            try await body(self)
        }

        func run() async throws {}

        func close() async throws {}
    }

    // MARK: translation

    /// Numbers the `?` placeholders outside string literals as `$1`, `$2`, … and binds the values.
    static func postgresQuery(_ sql: String, _ binds: [SQLValue]) throws -> PostgresQuery {
        var text = ""
        text.reserveCapacity(sql.utf8.count + 16)
        var number = 0
        var inLiteral = false
        for character in sql {
            if character == "'" { inLiteral.toggle() }
            if character == "?", !inLiteral {
                number += 1
                text += "$\(number)"
            } else {
                text.append(character)
            }
        }
        guard number == binds.count else {
            throw StoreError("internal error: a statement has \(number) placeholders and \(binds.count) values")
        }
        var bindings = PostgresBindings(capacity: binds.count)
        for value in binds {
            switch value {
            case .null: bindings.appendNull()
            case .integer(let i): bindings.append(i)
            case .double(let d): bindings.append(d)
            case .text(let t): bindings.append(t)
            }
        }
        return PostgresQuery(unsafeSQL: text, binds: bindings)
    }

    static func row(_ row: PostgresRow) throws -> SQLRow {
        var values: [String: SQLValue] = [:]
        for cell in row {
            values[cell.columnName] = try value(cell)
        }
        return SQLRow(values: values)
    }

    static func value(_ cell: PostgresCell) throws -> SQLValue {
        guard cell.bytes != nil else { return .null }
        switch cell.dataType {
        case .int2, .int4, .int8: return .integer(try cell.decode(Int64.self))
        case .float4, .float8: return .double(try cell.decode(Double.self))
        case .bool: return .integer(try cell.decode(Bool.self) ? 1 : 0)
        default: return .text(try cell.decode(String.self))
        }
    }

    /// `error` as a ``StoreError`` in words, keeping its SQLSTATE.
    static func storeError(_ error: any Error) -> StoreError {
        StoreError(describe(error), sqlState: sqlState(error))
    }

    /// A PostgreSQL error in words: the server's message and SQLSTATE, or what failed on the way.
    static func describe(_ error: any Error) -> String {
        if let store = error as? StoreError { return store.description }
        guard let psql = error as? PSQLError else { return "\(error)" }
        if let info = psql.serverInfo, let message = info[.message] {
            let detail = info[.detail].map { " (\($0))" } ?? ""
            return "PostgreSQL: \(message)\(detail) [SQLSTATE \(info[.sqlState] ?? "?")]"
        }
        if let underlying = psql.underlying { return "\(psql.code): \(underlying)" }
        return "\(psql.code)"
    }
}
