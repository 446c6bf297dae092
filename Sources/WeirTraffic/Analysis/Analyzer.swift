import WeirLog
import WeirRules

/// Reads whole access logs and builds an ``AnalyzeReport``: the engine of `weir analyze`.
public struct Analyzer {
    /// How to read and what to report.
    public struct Options: Sendable {
        /// The format of every input, or `nil` to detect it per input.
        public var format: LogFormat?
        /// Only requests at or after this instant (Unix seconds) are counted.
        public var from: Int64?
        /// Only requests before this instant (Unix seconds) are counted.
        public var to: Int64?
        /// Length of the top lists.
        public var top = 10
        /// How many malformed lines are listed with their reason.
        public var malformedSampleLimit = 10
        /// Whether the report holds its per-minute ``AnalyzeReport/timeline`` (for `--html`).
        public var timeline = false
        /// Only requests every filter admits are counted (`--filter`).
        public var filters: [RequestFilter] = []
        /// Declared routes (`--route`, a task's `routes`): the report counts requests per route.
        public var routes: [URLPattern] = []

        public init(format: LogFormat? = nil, from: Int64? = nil, to: Int64? = nil, top: Int = 10) {
            self.format = format
            self.from = from
            self.to = to
            self.top = top
        }
    }

    public let options: Options
    var tally = TrafficTally()
    var report = AnalyzeReport()
    var firstSeen = Int64.max
    var lastSeen = Int64.min
    var minutes = MinuteCounter()
    var panels = PanelTally()
    /// The latest timestamp of the parsed lines counted since it was last set, in range or not:
    /// what a ``LogStretch`` keeps.
    var latestParsed = Int64.min

    /// An analyzer counting as `options` say; `route` filters name its `routes`.
    public init(options: Options) {
        var options = options
        options.filters = options.filters.map { $0.resolving(routes: options.routes) }
        self.options = options
    }

    /// Reads one input to its end (a path, `-` for standard input; gzip detected by content).
    public mutating func add(path: String) throws {
        try add(source: LogInput.open(path), name: path)
    }

    /// Reads one input from an open source.
    public mutating func add(source: any ByteSource, name: String) throws {
        finishInput(try count(source, name: name))
    }

    /// Counts the lines of `source`, numbered from `firstLine` in the input `name`, and returns
    /// what was read of it (the caller records the input).
    mutating func count(_ source: any ByteSource, name: String, firstLine: Int = 1) throws -> AnalyzeReport.Input {
        var reader = LogReader(source: source, name: name, format: options.format)
        var input = AnalyzeReport.Input(name: name, format: nil, lines: 0, parsed: 0, malformed: 0)
        let from = options.from ?? .min
        let to = options.to ?? .max
        let filters = options.filters
        try reader.read { line, parsed in
            input.lines += 1
            if let failure = line.failure {
                input.malformed += 1
                noteMalformed(failure, file: name, line: line.number + firstLine - 1)
                return
            }
            input.parsed += 1
            let t = parsed.timestamp
            if t > latestParsed { latestParsed = t }
            guard t >= from, t < to else {
                report.outsideTimeRange += 1
                return
            }
            if !filters.isEmpty, !RequestFilter.all(filters, admit: parsed, line.bytes) {
                report.filteredOut += 1
                return
            }
            let ids = tally.add(parsed, line: line.bytes)
            panels.add(parsed, line.bytes, host: ids.host, path: ids.path)
            if t < firstSeen { firstSeen = t }
            if t > lastSeen { lastSeen = t }
            minutes.add(t, bytes: parsed.bytes, status: parsed.status)
        }
        input.format = reader.format?.name
        input.lines += reader.directives
        report.directiveLines += reader.directives
        return input
    }

    /// Records one input read to its end.
    mutating func finishInput(_ input: AnalyzeReport.Input) {
        report.inputs.append(input)
        report.lines += input.lines
        report.parsed += input.parsed
        report.malformed += input.malformed
    }

    /// Adds what `part` counted of one input's lines (its own ``finishInput(_:)`` aside), its
    /// malformed lines numbered from `lineOffset + 1` in that input (left out when `nil`).
    mutating func absorb(_ part: Analyzer, lineOffset: Int?) {
        tally.merge(part.tally)
        panels.merge(part.panels, theirs: part.tally, mine: tally)
        firstSeen = min(firstSeen, part.firstSeen)
        lastSeen = max(lastSeen, part.lastSeen)
        latestParsed = max(latestParsed, part.latestParsed)
        minutes.merge(part.minutes)
        report.outsideTimeRange += part.report.outsideTimeRange
        report.filteredOut += part.report.filteredOut
        report.directiveLines += part.report.directiveLines
        for (kind, n) in part.report.malformedReasons { report.malformedReasons[kind, default: 0] += n }
        guard let lineOffset else { return }
        for var line in part.report.malformedLines where report.malformedLines.count < options.malformedSampleLimit {
            line.line += lineOffset
            report.malformedLines.append(line)
        }
    }

    private mutating func noteMalformed(_ failure: ParseFailure, file: String, line: Int) {
        report.malformedReasons[failure.kind, default: 0] += 1
        if report.malformedLines.count < options.malformedSampleLimit {
            report.malformedLines.append(.init(file: file, line: line, reason: failure.description))
        }
    }

    /// The report over everything added so far.
    public func finish() -> AnalyzeReport {
        var r = report
        let top = options.top
        r.requests = tally.hits
        r.filters = options.filters.map(\.description)
        r.first = tally.hits > 0 ? Timestamps.rfc3339(firstSeen) : nil
        r.last = tally.hits > 0 ? Timestamps.rfc3339(lastSeen) : nil
        r.status = tally.statusCodeCounts
        r.statusClasses = tally.statusClassCounts
        r.methods = tally.methodCounts
        r.sections = AnalyzeReport.NamedCount.list(tally.sections.top(top))
        if !options.routes.isEmpty {
            let hits = tally.routeHits(options.routes)
            let names = options.routes.map(\.description) + [TrafficSeriesKey.otherRoute]
            r.routes = zip(names, hits).map { AnalyzeReport.NamedCount(name: $0, hits: $1) }
        }
        r.hosts = AnalyzeReport.NamedCount.list(tally.hosts.top(top))
        r.paths = AnalyzeReport.NamedCount.list(tally.paths.top(top))
        r.distinctHosts = tally.hosts.distinctCount
        r.distinctPaths = tally.paths.distinctCount
        r.bytes = tally.bytes
        r.meanBytes = tally.hits > 0 ? (Double(tally.bytes) / Double(tally.hits) * 100).rounded() / 100 : 0
        r.peakMinute = minutes.peak.map { .init(minute: Timestamps.rfc3339($0.minute * 60), hits: $0.hits) }
        PanelReport.fill(&r, panels, tally: tally, top: top)
        if options.timeline { r.timeline = minutes.timeline }
        return r
    }
}
