import UnixSignals
import WeirCore

/// SIGINT and SIGTERM as a stop request for the console commands, through swift-service-lifecycle's
/// `UnixSignals`, the same handling `weir serve`'s service group uses.
public enum TerminationSignals {
    /// A signal set on every SIGINT or SIGTERM from now on; the signals no longer end the process,
    /// so the command can finish its output and exit 0.
    public static func stopSignal() async -> StopSignal {
        let stop = StopSignal()
        let signals = await UnixSignalsSequence(trapping: .sigint, .sigterm)
        Task {
            for await _ in signals { stop.set() }
        }
        return stop
    }
}
