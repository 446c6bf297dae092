import Foundation

/// Time for the scheduler and the runs, injected so that tests run hours of schedule in
/// milliseconds.
public protocol ServiceClock: Sendable {
    /// Unix seconds now.
    func now() -> Int64
    /// Waits `seconds` (throws when cancelled).
    func sleep(seconds: Double) async throws
}
