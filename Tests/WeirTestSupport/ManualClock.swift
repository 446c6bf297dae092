import Synchronization
import WeirCore

/// A clock the test moves: `sleep` advances it at once, so the scheduler runs hours of schedule
/// in milliseconds; `stopAt` ends a loop by throwing `CancellationError` once reached. With
/// `settle` set, each sleep first awaits it (runs then take no time on this clock).
public final class ManualClock: WallClock {
    private let state: Mutex<Int64>
    private let settling = Mutex<(@Sendable () async -> Void)?>(nil)
    public let stopAt: Int64

    /// Awaits `settle` before each advance of the clock.
    public func settle(with settle: @escaping @Sendable () async -> Void) { settling.withLock { $0 = settle } }

    public init(_ start: Int64, stopAt: Int64 = .max) {
        state = Mutex(start)
        self.stopAt = stopAt
    }

    public func time() -> Double { Double(state.withLock { $0 }) }
    /// Moves the clock to `t`.
    public func set(_ t: Int64) { state.withLock { $0 = t } }

    public func sleep(seconds: Double) async throws {
        if let settle = settling.withLock({ $0 }) { await settle() }
        let t = state.withLock { value -> Int64 in
            value += Int64(seconds.rounded(.up))
            return value
        }
        await Task.yield()
        if t >= stopAt { throw CancellationError() }
    }
}
