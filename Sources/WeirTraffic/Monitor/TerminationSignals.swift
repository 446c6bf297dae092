import UnixSignals
import WeirCore

/// SIGINT and SIGTERM as a stop request for the console commands, through swift-service-lifecycle's
/// `UnixSignals`, the same handling `weir serve`'s service group uses.
public enum TerminationSignals {
    /// Runs `body` with a signal that is set on every SIGINT or SIGTERM while it runs; the signals
    /// no longer end the process, so the command can finish its output and exit 0. The signals
    /// are watched in a child task that ends with `body`.
    public static func withStopSignal<T>(_ body: (StopSignal) async throws -> T) async throws -> T {
        let stop = StopSignal()
        let signals = await UnixSignalsSequence(trapping: .sigint, .sigterm)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { for await _ in signals { stop.set() } }
            defer { group.cancelAll() }
            return try await body(stop)
        }
    }
}
