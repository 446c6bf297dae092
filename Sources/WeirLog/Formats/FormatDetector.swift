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

    /// The format of an input from its first lines (``sampleSize`` of them at most); throws an
    /// ``InputError`` of kind `unknownFormat`, naming `source`, when none fits. A W3C log is
    /// recognised by its `#Fields:` line, which also gives its fields.
    public static func format(of sample: [[UInt8]], source: String) throws(InputError) -> LogFormat {
        let lines = Array(sample.prefix(sampleSize))
        if let w3c = try w3cFormat(of: lines, source: source, flavor: nil) { return w3c }
        guard let format = detect(lines) else {
            throw InputError(.unknownFormat, failureMessage(source: source, sampled: lines.count))
        }
        return format
    }

    /// The format the first `#Fields:` line among `sample` declares (of `flavor`, or recognised),
    /// or `nil` when there is none.
    public static func w3cFormat(of sample: [[UInt8]], source: String, flavor: W3CFlavor?) throws(InputError) -> LogFormat? {
        guard let index = sample.firstIndex(where: { $0.starts(with: Array("#Fields:".utf8)) }) else { return nil }
        return try W3CDirective.format(sample[index], flavor: flavor, source: source, line: index + 1)
    }

    /// The first ``sampleSize`` lines of `bytes` (looked for in its first 64 KiB), for ``format(of:source:)``.
    public static func sample(of bytes: UnsafeRawBufferPointer) -> [[UInt8]] {
        var sample: [[UInt8]] = []
        var splitter = LineSplitter()
        let head = UnsafeRawBufferPointer(rebasing: bytes[0..<min(bytes.count, 1 << 16)])
        splitter.consume(head) { line, _ in if sample.count < sampleSize { sample.append(Array(line)) } }
        return sample
    }

    /// The one-line error shown when no format fits.
    public static func failureMessage(source: String, sampled: Int) -> String {
        "cannot recognise the log format of \(source): none of its first \(sampled) lines is \(LogFormat.detectable.map(\.name).joined(separator: ", ")); give --format (an Apache LogFormat or nginx log_format string works too)"
    }
}
