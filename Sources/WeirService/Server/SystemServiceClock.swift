import Foundation
import WeirCore

/// The system clock.
public struct SystemServiceClock: ServiceClock {
    public init() {}
    public func now() -> Int64 { Int64(Date().timeIntervalSince1970) }
    public func sleep(seconds: Double) async throws {
        try await Task.sleep(for: .saturatingSeconds(seconds))
    }
}
