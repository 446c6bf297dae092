/// Wall time and waiting, the one clock of every part whose logic depends on time: the service's
/// scheduler, runs and background services, the generator's live mode, the live monitor and the
/// notifier. Injected, so that tests move time themselves and run hours of schedule in
/// milliseconds; ``SystemClock`` is the real one.
public protocol WallClock: Sendable {
    /// Unix time in seconds, with its fraction.
    func time() -> Double
    /// Waits `seconds` of this clock's time; throws when the task is cancelled.
    func sleep(seconds: Double) async throws
}

extension WallClock {
    /// Unix time in whole seconds (rounded down).
    public func now() -> Int64 { Int64(saturating: time().rounded(.down)) }

    /// Waits until the Unix time `deadline`; returns at once when it has passed.
    public func sleep(until deadline: Double) async throws {
        let wait = deadline - time()
        if wait > 0 { try await sleep(seconds: wait) }
    }
}
