import Dispatch
import Synchronization

/// A stop request that any thread can read: set when the task that made it is cancelled.
public final class StopSignal: Sendable {
    private let state = Mutex(false)

    public init() {}

    public var isSet: Bool { state.withLock { $0 } }
    /// Asks whoever reads the signal to stop.
    public func set() { state.withLock { $0 = true } }

    /// Runs `body` with a signal that is set when the calling task is cancelled.
    package static func whileRunning<T>(_ body: (StopSignal) async throws -> T) async throws -> T {
        let signal = StopSignal()
        return try await withTaskCancellationHandler {
            try await body(signal)
        } onCancel: {
            signal.set()
        }
    }
}
