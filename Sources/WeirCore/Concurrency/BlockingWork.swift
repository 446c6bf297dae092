import Dispatch
import Synchronization

/// Runs blocking work (reading a big file) on a Dispatch thread instead of one of the few threads
/// of Swift's cooperative pool, so that the HTTP server, the scheduler and the lease keeper go on
/// while it runs: an instance busy with a multi-gigabyte file still renews its leases. The work
/// sees no task, so it learns of cancellation through a ``StopSignal``.
package enum BlockingWork {
    /// Runs `body` off the cooperative pool and returns its result.
    package static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global(qos: .utility).async {
                continuation.resume(with: Result { try body() })
            }
        }
    }
}
