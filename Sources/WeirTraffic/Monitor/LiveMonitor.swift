import WeirCore
import WeirLog

/// Runs the monitor over a file: `--replay` to its end, or following it live. Everything that
/// touches time or the outside world is passed in, so tests can drive it.
public final class LiveMonitor {
    public struct Options: Sendable {
        public var path: String
        public var format: LogFormat?
        public var fromStart = false
        public var replay = false
        /// Stop after this many seconds of wall time.
        public var duration: Double?
        /// Seconds between two polls of an idle file.
        public var pollInterval = 0.1
        /// Lines to take instead of the file's (`--syslog`); `path` then names where they come from.
        public var feed: (any LiveLineFeed)?
        /// The routes and duration buckets of the exported traffic metrics.
        public var trafficMetrics = TrafficMetricsOptions()

        public init(path: String, format: LogFormat?) {
            self.path = path
            self.format = format
        }
    }

    /// The world the monitor runs in.
    public struct Environment {
        /// Wall time, and waiting between polls of the file.
        public var clock: any WallClock
        /// True once SIGINT or SIGTERM arrived.
        public var shouldStop: () -> Bool
        /// Receives each output line (stdout).
        public var output: (String) -> Void
        /// Receives warnings (stderr).
        public var warn: (String) -> Void
        /// Told of each alert and recovery (to send them on); nothing by default.
        public var notify: (MonitorEvent) -> Void = { _ in }
        /// Given the traffic counted so far after each poll (`--metrics-listen`); when `nil`,
        /// nothing is counted.
        public var publishTraffic: ((TrafficCounts) -> Void)?

        public init(
            clock: any WallClock,
            shouldStop: @escaping () -> Bool,
            output: @escaping (String) -> Void,
            warn: @escaping (String) -> Void
        ) {
            self.clock = clock
            self.shouldStop = shouldStop
            self.output = output
            self.warn = warn
        }
    }

    public let options: Options
    public let renderer: MonitorOutput
    private var monitor: TrafficMonitor
    private var parser: LineParser?
    private var sample: [[UInt8]] = []
    private var lineNumber = 0
    private var firstMalformed: String?
    private var unwrapper = EnvelopeUnwrapper()
    private var meter: TrafficMeter?
    private var malformedLines: Int64 = 0

    public init(options: Options, configuration: TrafficMonitor.Configuration, output: MonitorOutput) {
        self.options = options
        self.renderer = output
        monitor = TrafficMonitor(configuration: configuration)
        parser = options.format.map { LineParser(format: $0) }
    }

    /// Runs to the end of a replay, the end of `--duration`, or a stop signal.
    public func run(_ env: Environment) async throws {
        if env.publishTraffic != nil { meter = TrafficMeter(options: options.trafficMetrics) }
        defer { publish(env) }
        if options.replay || options.path == "-" {
            try replay(env)
            return
        }
        if let feed = options.feed {
            await follow(env) { now in
                var taken = 0
                let dropped = feed.drain { line in
                    taken += 1
                    take(line, false, wallNow: now, env)
                }
                if dropped > 0 { env.warn("\(dropped) line\(dropped == 1 ? "" : "s") from \(options.path) dropped: the monitor fell behind") }
                return taken
            }
            return
        }
        var follower = FileFollower(path: options.path, fromStart: options.fromStart)
        defer { follower.close() }
        await follow(env) { now in
            follower.poll(
                line: { bytes, truncated in unwrap(bytes, truncated, wallNow: now, env) },
                notice: { notice in
                    switch notice {
                    case .waiting: env.warn("waiting for \(options.path) to appear")
                    case .truncated: env.warn("\(options.path) was truncated: reading it again from its start")
                    case .rotated: env.warn("\(options.path) was rotated: reading the new file from its start")
                    case .opened: break
                    }
                    if notice == .truncated || notice == .rotated { unwrapper.reset() }
                }
            )
        }
    }

    /// Polls `read` (given the wall time; it returns how much it read) until `--duration` or a
    /// stop signal, sleeping while nothing comes; stats blocks and alerts as time passes.
    private func follow(_ env: Environment, read: (Double) -> Int) async {
        let started = env.clock.time()
        while true {
            let now = env.clock.time()
            let read = read(now)
            detectWithWhatWeHave(wallNow: now, env)
            monitor.advance(wallNow: env.clock.time()) { emit($0, env) }
            if read > 0 { publish(env) }
            if env.shouldStop() || options.duration.map({ env.clock.time() - started >= $0 }) == true { break }
            if read == 0 { try? await env.clock.sleep(seconds: options.pollInterval) }
        }
        emit(.stats(monitor.finalBlock(wallNow: env.clock.time())), env)
    }

    private func replay(_ env: Environment) throws {
        var reader = LogReader(source: try LogInput.open(options.path), name: options.path, format: options.format)
        let live = !options.replay
        try reader.read { line, parsed in
            if env.shouldStop() { return }
            lineNumber = line.number
            if let failure = line.failure {
                noteMalformed(failure)
            } else {
                meter?.add(parsed, line: line.bytes)
                monitor.add(parsed, line: line.bytes, wallNow: live ? env.clock.time() : nil) { emit($0, env) }
            }
        }
        if env.shouldStop() {
            emit(.stats(monitor.finalBlock(wallNow: nil)), env)
        } else {
            monitor.finishReplay { emit($0, env) }
        }
    }

    /// A line as the file has it: in a container envelope (recognised by the first line, again
    /// after a rotation), the line inside.
    private func unwrap(_ bytes: UnsafeRawBufferPointer, _ truncated: Bool, wallNow: Double, _ env: Environment) {
        let before = unwrapper.envelope
        unwrapper.unwrap(bytes, truncated: truncated) { take($0, $1, wallNow: wallNow, env) }
        if before == nil, let envelope = unwrapper.envelope {
            env.warn("\(options.path) holds container log lines (\(envelope.rawValue)): reading the lines inside them")
        }
    }

    private func take(_ bytes: UnsafeRawBufferPointer, _ truncated: Bool, wallNow: Double, _ env: Environment) {
        lineNumber += 1
        guard let parser else {
            sample.append(Array(bytes))
            if sample.count >= FormatDetector.sampleSize { detectWithWhatWeHave(wallNow: wallNow, env) }
            return
        }
        var parsed = ParsedLine()
        if parser.format.isDirective(bytes) {
            // A W3C directive: not a request; a #Fields: line redefines the fields after it.
            if let redefined = try? parser.format.redefined(by: bytes) { self.parser = LineParser(format: redefined) }
        } else if truncated {
            noteMalformed(.lineTooLong(limit: LineSplitter.defaultMaxLineLength))
        } else if let failure = parser.parse(bytes, into: &parsed) {
            noteMalformed(failure)
        } else {
            meter?.add(parsed, line: bytes)
            monitor.add(parsed, line: bytes, wallNow: wallNow) { emit($0, env) }
        }
    }

    /// Chooses the format from the lines buffered so far (the monitor cannot wait for 32 lines
    /// on a quiet log); lines that fit none stay malformed.
    private func detectWithWhatWeHave(wallNow: Double, _ env: Environment) {
        guard parser == nil, !sample.isEmpty else { return }
        let lines = sample
        sample = []
        let w3c = try? FormatDetector.w3cFormat(of: lines, source: options.path, flavor: nil)
        guard let format = w3c ?? FormatDetector.detect(lines) else {
            for _ in lines { noteMalformed(.invalidField("line", value: "no known log format", column: 1)) }
            return
        }
        parser = LineParser(format: format)
        env.warn("reading \(options.path) as \(format.name)")
        lineNumber -= lines.count
        for line in lines { line.withUnsafeBytes { take($0, false, wallNow: wallNow, env) } }
    }

    /// Hands the traffic counted so far to `--metrics-listen`.
    private func publish(_ env: Environment) {
        if let meter, let publishTraffic = env.publishTraffic { publishTraffic(meter.finish(malformed: malformedLines)) }
    }

    private func noteMalformed(_ failure: ParseFailure) {
        malformedLines += 1
        monitor.addMalformed()
        if firstMalformed == nil { firstMalformed = "line \(lineNumber): \(failure)" }
    }

    private func emit(_ event: MonitorEvent, _ env: Environment) {
        if case .stats(let block) = event, block.malformed > 0 {
            env.warn(
                "\(block.malformed) malformed line\(block.malformed == 1 ? "" : "s") in the interval ending \(Timestamps.rfc3339(block.at))"
                    + (firstMalformed.map { " (first: \($0))" } ?? "")
            )
            firstMalformed = nil
        }
        if let text = renderer.render(event) { env.output(text) }
        switch event {
        case .alert, .recovered: env.notify(event)
        case .stats: break
        }
    }
}
