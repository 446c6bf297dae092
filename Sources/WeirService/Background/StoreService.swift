import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import WeirStore

/// Keeps the store open while the service runs, and closes it after the other services stopped.
struct StoreService: Service {
    let store: any WeirStore

    func run() async throws {
        try? await gracefulShutdown()
        // Closed even when the group is cancelled rather than shut down gracefully.
        let store = store
        try await Task.detached { try await store.close() }.value
    }
}
