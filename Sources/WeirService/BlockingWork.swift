import Dispatch
import Synchronization

/// Runs blocking work (reading a big file) on a Dispatch thread instead of one of the few threads
/// of Swift's cooperative pool, so that the HTTP server, the scheduler and the lease keeper go on
/// while it runs: an instance busy with a multi-gigabyte file still renews its leases. The work
/// sees no task, so it learns of cancellation through a ``StopSignal``.
enum BlockingWork {
    /// Runs `body` off the cooperative pool and returns its result.
    static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global(qos: .utility).async {
                continuation.resume(with: Result { try body() })
            }
        }
    }
}

/// A stop request that any thread can read: set when the task that made it is cancelled.
public final class StopSignal: Sendable {
    private let state = Mutex(false)

    public init() {}

    public var isSet: Bool { state.withLock { $0 } }
    func set() { state.withLock { $0 = true } }

    /// Runs `body` with a signal that is set when the calling task is cancelled.
    static func whileRunning<T>(_ body: (StopSignal) async throws -> T) async throws -> T {
        let signal = StopSignal()
        return try await withTaskCancellationHandler { try await body(signal) } onCancel: { signal.set() }
    }
}

/// How far a run has read, for the progress hook of tests.
public struct RunProgress: Sendable {
    public let runID: Int64
    public let lines: Int64
    /// Set once the run is asked to stop (the service shuts down).
    public let stop: StopSignal
}

/// Moves a value that is not `Sendable` to another thread and back, when exactly one thread
/// uses it at a time (the caller waits while ``BlockingWork`` runs).
struct Handover<Value>: @unchecked Sendable {
    var value: Value
}
