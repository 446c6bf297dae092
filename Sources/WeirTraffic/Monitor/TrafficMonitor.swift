import WeirCore
import WeirLog

/// The live monitor's engine: event-time clock, ticks, interval stats and the alert state machine
/// of `monitor.md`. It has no clock of its own: callers pass the wall time in, so tests drive it in
/// milliseconds and `--replay` never looks at the wall clock.
public struct TrafficMonitor {
    /// What the monitor watches and how.
    public struct Configuration: Sendable {
        /// Alert threshold, requests per second.
        public var threshold: Double
        /// Seconds between ticks.
        public var interval: Int64
        /// Seconds the alert average is taken over.
        public var window: Int64
        /// Length of the top lists in a stats block.
        public var top: Int

        public init(threshold: Double = 10, interval: Int64 = 10, window: Int64 = 120, top: Int = 5) {
            self.threshold = threshold
            self.interval = interval
            self.window = window
            self.top = top
        }
    }

    public let configuration: Configuration
    /// Newest log timestamp seen.
    public private(set) var newest: Int64?
    /// Wall time (Unix seconds) when the last line was read.
    private var lastReadWall: Double?
    /// The next tick to fire; the current interval is `[nextTick − interval, nextTick)`.
    public private(set) var nextTick: Int64?
    public private(set) var alerting = false
    private var window: SecondCounts
    private var tally = TrafficTally(tracksPaths: false)
    private var malformed = 0
    private var late = 0

    public init(configuration: Configuration) {
        self.configuration = configuration
        window = SecondCounts(span: configuration.window + configuration.interval + 1)
    }

    /// Counts one parsed line read at wall time `wallNow`; fires the ticks its timestamp passes.
    public mutating func add(
        _ parsed: ParsedLine,
        line: UnsafeRawBufferPointer,
        wallNow: Double?,
        _ emit: (MonitorEvent) -> Void
    ) {
        let ts = parsed.timestamp
        // The first line anchors the clock (before it, empty blocks ran on wall time).
        if newest == nil, nextTick.map({ ts < $0 - configuration.interval }) ?? true { nextTick = firstTick(after: ts) }
        if ts > (newest ?? .min) { newest = ts }
        if let wallNow { lastReadWall = wallNow }
        fireTicks(upTo: ts, emit)
        let start = nextTick! - configuration.interval
        if ts >= start {
            tally.add(parsed, line: line)
        } else {
            late += 1
        }
        // Late lines still count in the alert window while it covers them.
        if ts >= nextTick! - configuration.window { window.add(ts) }
    }

    /// Counts a line that could not be parsed (reported in the next block; never moves the clock).
    public mutating func addMalformed() {
        malformed += 1
    }

    /// Moves the clock on with the wall time while the log is idle, firing due ticks. Before any
    /// line has been read the clock is the wall time itself.
    public mutating func advance(wallNow: Double, _ emit: (MonitorEvent) -> Void) {
        guard let clock = clock(wallNow: wallNow) else { return }
        if nextTick == nil { nextTick = firstTick(after: clock) }
        fireTicks(upTo: clock, emit)
    }

    /// End of `--replay`: fires ticks up to and including the first tick after the last timestamp.
    public mutating func finishReplay(_ emit: (MonitorEvent) -> Void) {
        guard let newest else { return }
        fireTicks(upTo: firstTick(after: newest), emit)
    }

    /// The shutdown block: the unfinished interval up to the clock, with no alert check.
    public mutating func finalBlock(wallNow: Double?) -> StatsBlock {
        let start = (nextTick ?? 0) - configuration.interval
        let at = max(wallNow.flatMap { clock(wallNow: $0) } ?? newest ?? 0, start)
        var block = stats(at: at)
        block.interval = max(at - start, 0)
        block.final = true
        return block
    }

    /// The event-time clock at wall time `wallNow`: the newest timestamp plus the wall time since
    /// the last line was read; the wall time itself before any line. `nil` during a replay.
    private func clock(wallNow: Double) -> Int64? {
        guard let newest else { return Int64(wallNow.rounded(.down)) }
        guard let lastReadWall else { return nil }
        return newest + Int64((wallNow - lastReadWall).rounded(.down))
    }

    private func firstTick(after t: Int64) -> Int64 {
        let i = configuration.interval
        return (t >= 0 ? t / i : (t - i + 1) / i) * i + i
    }

    /// Fires every tick `t ≤ clock`, in order: stats block, then alert check.
    private mutating func fireTicks(upTo clock: Int64, _ emit: (MonitorEvent) -> Void) {
        while let tick = nextTick, tick <= clock {
            emit(.stats(stats(at: tick)))
            checkAlert(at: tick, emit)
            tally.reset()
            malformed = 0
            late = 0
            nextTick = tick + configuration.interval
        }
    }

    private mutating func checkAlert(at tick: Int64, _ emit: (MonitorEvent) -> Void) {
        let hits = window.sum(from: tick - configuration.window, to: tick)
        let average = Double(hits) / Double(configuration.window)
        let change = AlertChange(at: tick, average: average, windowHits: hits, threshold: configuration.threshold)
        if !alerting, average > configuration.threshold {
            alerting = true
            emit(.alert(change))
        } else if alerting, average < configuration.threshold {
            alerting = false
            emit(.recovered(change))
        }
    }

    private func stats(at tick: Int64) -> StatsBlock {
        func named(_ counter: ByteKeyCounter) -> [StatsBlock.NamedCount] {
            counter.top(configuration.top).map { .init(name: $0.key, hits: $0.count) }
        }
        var classes = tally.statusClassCounts
        classes["1xx"] = nil
        return StatsBlock(
            at: tick,
            interval: configuration.interval,
            hits: tally.hits,
            sections: named(tally.sections),
            hosts: named(tally.hosts),
            statusClasses: classes,
            statusCodes: tally.statusCodeCounts,
            methods: tally.methodCounts,
            bytes: tally.bytes,
            malformed: malformed,
            late: late,
            final: false
        )
    }
}
