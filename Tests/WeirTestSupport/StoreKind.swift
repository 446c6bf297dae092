import Foundation
import Logging
import Testing
import WeirModel
import WeirStore

/// The kinds of store the contract runs against: SQLite in a temporary file, and PostgreSQL in a
/// new database on the server `TEST_POSTGRES_URL` names (`scripts/test` starts one). Without
/// that server the PostgreSQL cases fail; they never skip.
public enum StoreKind: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite
    case postgres
    public var testDescription: String { rawValue }

    /// Runs `body` against a new, empty, migrated store with its connections running, then closes
    /// and deletes it.
    public func withStore(_ body: (any WeirStore) async throws -> Void) async throws {
        let (store, delete) = try await make()
        do {
            try await store.withConnections { store in
                try await store.migrate()
                try await body(store)
            }
        } catch {
            await delete()
            throw error
        }
        await delete()
    }

    /// A new, empty store (not migrated, its connections not running), and a function that deletes it.
    public func make() async throws -> (any WeirStore, @Sendable () async -> Void) {
        switch self {
        case .sqlite:
            let path = TemporaryFolder.path("weir-store", suffix: ".sqlite")
            let store = SQLStore(database: try await SQLiteDatabaseClient(path: path, logger: Logger(label: "test")))
            return (
                store,
                {
                    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
                }
            )
        case .postgres:
            let url = try TestPostgres.newDatabaseURL(prefix: "weir_test")
            let store = SQLStore(database: try await PostgresDatabaseClient(url: url, logger: Logger(label: "test")))
            return (store, { try? await PostgresDatabaseClient.dropDatabase(url: url, logger: Logger(label: "test")) })
        }
    }
}
