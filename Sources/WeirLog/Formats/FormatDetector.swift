/// Chooses a log format from the first lines of a log.
public enum FormatDetector {
    /// How many non-empty lines detection looks at.
    public static let sampleSize = 32

    /// The candidate that parses the most sample lines (earlier candidates win ties), or `nil`
    /// when none parses any. `lines` are raw lines without `\n`; blank ones are ignored.
    public static func detect(_ sample: [[UInt8]], candidates: [LogFormat] = LogFormat.detectable) -> LogFormat? {
        let lines = sample.filter { $0.contains { $0 > 32 } }
        var best: (format: LogFormat, hits: Int)?
        for format in candidates {
            let parser = LineParser(format: format)
            var parsed = ParsedLine()
            var hits = 0
            for line in lines {
                let ok = line.withUnsafeBytes { parser.parse($0, into: &parsed) == nil }
                if ok { hits += 1 }
            }
            if hits > (best?.hits ?? 0) { best = (format, hits) }
            if hits == lines.count { break }
        }
        return best?.format
    }

    /// The one-line error shown when no format fits.
    public static func failureMessage(source: String, sampled: Int) -> String {
        "cannot recognise the log format of \(source): none of its first \(sampled) lines is \(LogFormat.detectable.map(\.name).joined(separator: ", ")); give --format (an Apache LogFormat or nginx log_format string works too)"
    }
}
