import WeirCore
import WeirDetect
import WeirLog
import WeirRules
import WeirTraffic

/// Throughput measurements of the hot paths, printed by the hidden `weir bench` command.
public enum Benchmark {
    /// Times line splitting, parsing, and the whole analysis (in memory and from the file),
    /// The median time of `weir analyze`'s work on the file (read from disk), in seconds.
    public static func medianAnalyzeSeconds(path: String, runs: Int) throws -> Double {
        var times: [Double] = []
        for _ in 0..<max(1, runs) {
            let start = ContinuousClock.now
            var analyzer = Analyzer(options: .init(format: nil))
            try analyzer.add(path: path)
            _ = analyzer.finish()
            let d = start.duration(to: .now)
            times.append(d.seconds)
        }
        return times.sorted()[times.count / 2]
    }

    /// `runs` times each, and returns one line of figures per stage (medians).
    public static func run(path: String, runs: Int) throws -> [String] {
        let data = try readAll(path)
        var lineCount = 0
        var splitter = LineSplitter()
        data.withUnsafeBytes { splitter.consume($0) { _, _ in lineCount += 1 } }
        splitter.finish { _, _ in lineCount += 1 }
        let format = try detect(data, path: path)
        var out = ["input     \(path): \(lineCount) lines, \(megabytes(data.count)) MB, format \(format.name), median of \(runs) runs"]

        out.append(
            stage("split", runs, data.count, lineCount) {
                var s = LineSplitter()
                var n = 0
                data.withUnsafeBytes { s.consume($0) { _, _ in n += 1 } }
                return n
            }
        )
        out.append(stage("parse", runs, data.count, lineCount) { eachParsed(data, format) { _, _ in } })
        let routed = TrafficMetricsOptions(routes: Self.routes.compactMap(URLPattern.init))
        for (name, options) in [("meter", TrafficMetricsOptions()), ("meter, 6 routes", routed)] {
            out.append(
                stage(name, runs, data.count, lineCount) {
                    var meter = TrafficMeter(options: options)
                    eachParsed(data, format) { parsed, line in meter.add(parsed, line: line) }
                    return Int(meter.finish(malformed: 0).series.values.reduce(0) { $0 + $1.requests })
                }
            )
        }
        out.append(
            stage("features", runs, data.count, lineCount) {
                var features = FeatureAccumulator()
                eachParsed(data, format) { parsed, line in features.add(parsed, line: line) }
                return features.finish().minutes.count
            }
        )
        // As a task run that measures features counts on its own thread: the features give each target an id, and the meter reads its route by it.
        out.append(
            stage("features, meter, 6 routes", runs, data.count, lineCount) {
                var features = FeatureAccumulator()
                var meter = TrafficMeter(options: routed)
                eachParsed(data, format) { parsed, line in
                    meter.add(parsed, line: line, targetID: features.add(parsed, line: line))
                }
                return Int(meter.finish(malformed: 0).series.values.reduce(0) { $0 + $1.requests })
            }
        )
        // As a task run's parsing thread counts: a copy of one empty meter per chunk of lines, appended in order.
        out.append(
            stage("meter, 6 routes, by chunk", runs, data.count, lineCount) {
                var meter = TrafficMeter(options: routed)
                let empty = TrafficMeter(recipe: routed)
                var chunk = empty
                var (lines, chunkStart) = (0, 0)
                eachParsed(data, format) { parsed, line in
                    chunk.add(parsed, line: line)
                    lines += 1
                    if lines - chunkStart == Self.linesPerChunk {
                        meter.append(chunk)
                        chunk = empty
                        chunkStart = lines
                    }
                }
                meter.append(chunk)
                return Int(meter.finish(malformed: 0).series.values.reduce(0) { $0 + $1.requests })
            }
        )
        out.append(
            try stage("analyze (memory)", runs, data.count, lineCount) {
                var analyzer = Analyzer(options: .init(format: nil))
                try analyzer.add(source: MemorySource(data), name: path)
                return analyzer.finish().requests
            }
        )
        out.append(
            try stage("analyze (file)", runs, data.count, lineCount) {
                var analyzer = Analyzer(options: .init(format: nil))
                try analyzer.add(path: path)
                return analyzer.finish().requests
            }
        )
        return out
    }

    /// Splits `data` into lines and hands each one that parses to `body`; returns how many did.
    @discardableResult
    static func eachParsed(_ data: [UInt8], _ format: LogFormat, _ body: (ParsedLine, UnsafeRawBufferPointer) -> Void) -> Int {
        var splitter = LineSplitter()
        let parser = LineParser(format: format)
        var parsed = ParsedLine()
        var ok = 0
        data.withUnsafeBytes {
            splitter.consume($0) { line, _ in
                if parser.parse(line, into: &parsed) == nil {
                    ok += 1
                    body(parsed, line)
                }
            }
        }
        return ok
    }

    /// About the lines of a ``PipelinedLogReader`` chunk of access log (2 MiB).
    static let linesPerChunk = 10_000

    /// The routes of the meter's second stage and of `--traffic-overhead`'s routed runs: those
    /// `scripts/bench-metrics` gives a task.
    static let routes = ["/api/users/*", "/api/orders/**", "/static/**", "/images/*.png", "/search", "/blog/**"]

    package static func readAll(_ path: String) throws -> [UInt8] {
        var source = try LogInput.open(path)
        var data: [UInt8] = []
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 64)
        defer { buffer.deallocate() }
        while case let n = try source.read(into: buffer), n > 0 {
            data.append(contentsOf: buffer[0..<n])
        }
        return data
    }

    package static func detect(_ data: [UInt8], path: String) throws -> LogFormat {
        try FormatDetector.format(of: data.withUnsafeBytes(FormatDetector.sample(of:)), source: path)
    }

    package static func stage(_ name: String, _ runs: Int, _ bytes: Int, _ lines: Int, _ body: () throws -> Int) rethrows -> String {
        var times: [Double] = []
        var check = 0
        let clock = ContinuousClock()
        for _ in 0..<max(runs, 1) {
            let start = clock.now
            check = try body()
            let d = clock.now - start
            times.append(d.seconds)
        }
        times.sort()
        let median = times[times.count / 2]
        let pad = name + String(repeating: " ", count: max(0, 26 - name.count))
        return
            "\(pad) \(fixed(median, 3)) s  \(fixed(Double(lines) / median / 1e6, 2)) M lines/s  \(fixed(Double(bytes) / median / 1e6, 1)) MB/s  (result \(check))"
    }

    package static func megabytes(_ n: Int) -> String { fixed(Double(n) / 1e6, 1) }

    package static func fixed(_ v: Double, _ digits: Int) -> String {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let r = (v * scale).rounded() / scale
        var s = String(r)
        if let dot = s.firstIndex(of: ".") {
            let decimals = s.distance(from: dot, to: s.endIndex) - 1
            if decimals < digits { s += String(repeating: "0", count: digits - decimals) }
        }
        return s
    }
}
