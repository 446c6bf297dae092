import ServiceLifecycle
import WeirCore
import WeirModel

/// The store's connections as a service, first in the `ServiceGroup`: PostgreSQL's pool runs
/// until every other service has stopped, then the store is closed (even when the group is
/// cancelled rather than shut down gracefully).
struct StoreService: Service {
    let store: any WeirStore

    func run() async throws {
        do { try await store.runConnections() } catch is CancellationError {}
        let store = store
        try await Shielded.run { try await store.close() }
    }
}
