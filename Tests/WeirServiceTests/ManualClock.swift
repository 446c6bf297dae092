import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Synchronization
import Testing
import WeirCore
import WeirGenerator
import WeirRules
import WeirService
import WeirSources
import WeirStore

/// A clock the test moves: `sleep` advances it at once, so the scheduler runs hours of schedule
/// in milliseconds; `stopAt` ends a loop by throwing `CancellationError` once reached. With
/// `settle` set, each sleep first awaits it (runs then take no time on this clock).
final class ManualClock: ServiceClock {
    private let state: Mutex<Int64>
    private let settling = Mutex<(@Sendable () async -> Void)?>(nil)
    let stopAt: Int64

    /// Awaits `settle` before each advance of the clock.
    func settle(with settle: @escaping @Sendable () async -> Void) { settling.withLock { $0 = settle } }

    init(_ start: Int64, stopAt: Int64 = .max) {
        state = Mutex(start)
        self.stopAt = stopAt
    }

    func now() -> Int64 { state.withLock { $0 } }
    func set(_ t: Int64) { state.withLock { $0 = t } }

    func sleep(seconds: Double) async throws {
        if let settle = settling.withLock({ $0 }) { await settle() }
        let t = state.withLock { value -> Int64 in
            value += Int64(seconds.rounded(.up))
            return value
        }
        await Task.yield()
        if t >= stopAt { throw CancellationError() }
    }
}
