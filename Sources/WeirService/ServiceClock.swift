import Foundation

/// Time for the scheduler and the runs, injected so that tests run hours of schedule in
/// milliseconds.
public protocol ServiceClock: Sendable {
    /// Unix seconds now.
    func now() -> Int64
    /// Waits `seconds` (throws when cancelled).
    func sleep(seconds: Double) async throws
}

/// The system clock.
public struct SystemServiceClock: ServiceClock {
    public init() {}
    public func now() -> Int64 { Int64(Date().timeIntervalSince1970) }
    public func sleep(seconds: Double) async throws {
        try await Task.sleep(for: .milliseconds(Int64(seconds * 1000)))
    }
}
