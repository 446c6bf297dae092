import Logging
import ServiceLifecycle
import WeirCore
import WeirModel

/// Brings the store's schema up to date once its connections run (``StoreService`` is before it
/// in the `ServiceGroup`), marks runs a crash left `running` as interrupted, and then opens
/// ``migrated``, the gate every later service and the HTTP server wait at. A failure (a schema
/// newer than this weir) is thrown to them and ends the group.
public struct MigrationService: Service {
    let store: any WeirStore
    let clock: any WallClock
    let logger: Logger
    /// Open once the schema is current.
    public let migrated: ReadinessGate

    public func run() async throws {
        do {
            try await Self.prepare(store, clock: clock, logger: logger)
            migrated.open()
        } catch {
            migrated.fail(error)
            throw error
        }
        try? await gracefulShutdown()
    }

    /// Creates or migrates the schema and marks runs a crash left `running` as interrupted (on
    /// PostgreSQL, runs of other instances are taken over when their lease lapses instead).
    static func prepare(_ store: any WeirStore, clock: any WallClock, logger: Logger) async throws {
        try await store.migrate()
        let interrupted = try await store.interruptRunningRuns(at: clock.now())
        if interrupted > 0 {
            logger.warning(
                "runs left unfinished by an earlier stop were marked interrupted; their lines will be read again",
                metadata: ["runs": "\(interrupted)"]
            )
        }
    }
}
