import ServiceLifecycle
import WeirCore

/// A service that starts once the schema is migrated: it waits at ``MigrationService``'s gate,
/// then runs. A failed migration is thrown instead.
struct AfterMigration: Service {
    let gate: ReadinessGate
    let service: any Service

    func run() async throws {
        try await gate.wait()
        try await service.run()
    }
}
