import WeirCore

/// The two ways `weir generate` writes: as fast as possible with log-time stamps, or live.
public enum GeneratorRun {
    /// Writes `count` lines stamped from `start` (Unix seconds) at `rate` lines per second of log
    /// time, shaped by the generator's profile, as fast as the sink takes them.
    public static func fast(
        count: Int,
        start: Int64,
        rate: Double,
        generator: inout TrafficGenerator,
        sink: LineSink
    ) throws(GeneratorError) {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 21)
        var written = 0
        var carry = 0.0
        var t: Int64 = 0
        while written < count {
            let due = generator.linesDue(second: t, rate: rate, carry: &carry)
            for _ in 0..<min(due, count - written) {
                generator.appendLine(timestamp: start + t, elapsed: t, to: &buffer)
            }
            written += min(due, count - written)
            if buffer.count >= 1 << 20 {
                try sink.write(buffer)
                buffer.removeAll(keepingCapacity: true)
            }
            t += 1
        }
        try sink.write(buffer)
    }

    /// Appends lines stamped with the current time every `interval` seconds for `duration`
    /// seconds: `rate` lines per second in all (one line per interval when `nil`), shaped by
    /// the profile. Each batch is written with one `write(2)`, so readers see whole lines.
    public static func live(
        duration: Double,
        interval: Double,
        rate: Double?,
        generator: inout TrafficGenerator,
        sink: LineSink,
        clock: some WallClock
    ) async throws {
        let perSecond = rate ?? 1 / interval
        let start = clock.time()
        var next = start
        var carry = 0.0
        var buffer: [UInt8] = []
        while true {
            let now = clock.time()
            let elapsed = now - start
            if elapsed >= duration { break }
            let t = Int64(elapsed)
            let due = generator.linesDue(second: t, rate: perSecond, span: interval, carry: &carry)
            let stamp = Int64(now.rounded(.down))
            for _ in 0..<due { generator.appendLine(timestamp: stamp, elapsed: t, to: &buffer) }
            if !buffer.isEmpty {
                try sink.write(buffer)
                buffer.removeAll(keepingCapacity: true)
            }
            next += interval
            if next - start >= duration { break }
            try await clock.sleep(until: next)
        }
    }
}
