import Foundation
import Logging
import NIOSSL
import PostgresNIO
import WeirCore
import WeirModel

/// Where a PostgreSQL database is, from a `postgres://user:password@host:port/database?sslmode=…`
/// URL, with the configurations PostgresNIO needs for one connection and for a pool.
struct PostgresLocation: Sendable, CustomStringConvertible {
    enum SSLMode: String, Sendable { case disable, prefer, require }

    var host: String
    var port: Int
    var user: String
    var password: String?
    var database: String
    var sslMode: SSLMode

    init(_ url: String) throws {
        guard let parts = URLComponents(string: url), let host = parts.host, !host.isEmpty else {
            throw StoreError("\"\(Self.redacted(url))\" is not a PostgreSQL URL; write postgres://user:password@host:5432/database")
        }
        guard let user = parts.user?.removingPercentEncoding, !user.isEmpty else {
            throw StoreError("\"\(Self.redacted(url))\" names no user; write postgres://user:password@host:5432/database")
        }
        let mode = parts.queryItems?.first { $0.name == "sslmode" }?.value ?? "prefer"
        guard let sslMode = SSLMode(rawValue: mode == "verify-full" ? "require" : mode) else {
            throw StoreError("sslmode=\(mode) is not supported; use disable, prefer or require")
        }
        self.host = host
        port = parts.port ?? 5432
        self.user = user
        password = parts.password?.removingPercentEncoding
        let path = parts.path.hasPrefix("/") ? String(parts.path.dropFirst()) : parts.path
        database = path.isEmpty ? user : path
        self.sslMode = sslMode
    }

    var description: String { "\(host):\(port)/\(database)" }

    /// The configuration of the connection pool the store uses.
    func poolConfiguration() throws -> PostgresClient.Configuration {
        let tls: PostgresClient.Configuration.TLS =
            switch sslMode {
            case .disable: .disable
            case .prefer: .prefer(.makeClientConfiguration())
            case .require: .require(.makeClientConfiguration())
            }
        var configuration = PostgresClient.Configuration(
            host: host,
            port: port,
            username: user,
            password: password,
            database: database,
            tls: tls
        )
        configuration.options.connectTimeout = .seconds(5)
        configuration.options.maximumConnections = 10
        return configuration
    }

    /// Opens one connection to the database (or to `database` instead), runs `body`, closes it.
    func withConnection<T: Sendable>(
        database other: String? = nil,
        logger: Logger,
        _ body: (PostgresConnection) async throws -> T
    ) async throws -> T {
        let tls: PostgresConnection.Configuration.TLS =
            switch sslMode {
            case .disable: .disable
            case .prefer: .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
            case .require: .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
            }
        var configuration = PostgresConnection.Configuration(
            host: host,
            port: port,
            username: user,
            password: password,
            database: other ?? database,
            tls: tls
        )
        configuration.options.connectTimeout = .seconds(5)
        let connection = try await PostgresConnection.connect(configuration: configuration, id: 0, logger: logger)
        do {
            let result = try await body(connection)
            try await connection.close()
            return result
        } catch {
            try? await connection.close()
            throw error
        }
    }

    /// Runs one statement on the server's `postgres` database, as this URL's user.
    func administer(logger: Logger, _ sql: String) async throws {
        do {
            try await withConnection(database: "postgres", logger: logger) { connection in
                _ = try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger)
            }
        } catch {
            let cause = PostgresDatabaseClient.storeError(error)
            throw StoreError("\(sql) on \(host):\(port) failed: \(cause)", sqlState: cause.sqlState)
        }
    }

    /// The URL with its password replaced by `***`, for error messages.
    static func redacted(_ url: String) -> String {
        guard var parts = URLComponents(string: url), parts.password != nil else { return url }
        parts.password = "***"
        return parts.string ?? url
    }
}
