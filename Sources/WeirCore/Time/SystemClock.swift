/// The system's real-time clock (`CLOCK_REALTIME`), and sleeping on the task's own clock.
public struct SystemClock: WallClock {
    public init() {}

    public func time() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    public func sleep(seconds: Double) async throws {
        try await Task.sleep(for: .saturatingSeconds(seconds))
    }
}

#if canImport(Glibc)

import Glibc

#elseif canImport(Darwin)

import Darwin

#endif
