import WeirCore

/// The real clock.
public struct SystemGeneratorClock: GeneratorClock {
    public init() {}

    public func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    public func sleep(until deadline: Double) async throws {
        let wait = deadline - now()
        if wait > 0 { try await Task.sleep(for: .seconds(wait)) }
    }
}

#if canImport(Glibc)

import Glibc

#elseif canImport(Darwin)

import Darwin

#endif
