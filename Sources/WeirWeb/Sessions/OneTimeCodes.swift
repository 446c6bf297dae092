import Synchronization
import WeirCore

/// One-time login links (for `weir demo`): a random code that logs in once, within
/// ``lifetime`` seconds. At most ``limit`` codes wait at once; the oldest goes first.
public final class OneTimeCodes: Sendable {
    public static let lifetime: Int64 = 600
    public static let limit = 100
    private let codes = Mutex<[String: Int64]>([:])

    public init() {}

    /// A new code, valid from `now` for ``lifetime`` seconds.
    public func issue(now: Int64) -> String {
        let code = RandomHex.make(bytes: 24)
        codes.withLock { codes in
            codes = codes.filter { $0.value > now }
            if codes.count >= Self.limit, let oldest = codes.min(by: { $0.value < $1.value }) { codes.removeValue(forKey: oldest.key) }
            codes[code] = now + Self.lifetime
        }
        return code
    }

    /// Whether `code` was issued, is unused and unexpired at `now`; it cannot be used again.
    public func redeem(_ code: String, now: Int64) -> Bool {
        codes.withLock { $0.removeValue(forKey: code).map { $0 > now } ?? false }
    }
}
