import WeirCore
import WeirDetect
import WeirModel
import WeirRules

/// Weir's storage logic, written once over any ``SQLDatabase``: SQLite by default, PostgreSQL for
/// several instances.
public struct SQLStore: Sendable, WeirStore {
    public let database: any SQLDatabase

    public init(database: any SQLDatabase) {
        self.database = database
    }

    public func runConnections() async throws {
        try await database.run()
    }

    public func close() async throws {
        try await database.close()
    }
}
