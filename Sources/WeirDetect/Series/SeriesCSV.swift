import WeirLog

/// A time series read from CSV with a `timestamp,value` header (other columns are ignored).
/// Timestamps and values keep their original text so that output rows repeat them exactly.
public struct SeriesCSV: Sendable {
    public var timestampTexts: [String] = []
    public var valueTexts: [String] = []
    public var timestamps: [Int64] = []
    public var values: [Double] = []

    /// Parses `text`; a missing column, an unreadable timestamp or a value that is not a number
    /// is an error naming the line.
    public init(text: String) throws(DetectionError) {
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).makeIterator()
        guard let header = lines.next() else { throw DetectionError("the input is empty; it needs a header line timestamp,value") }
        let names = Self.fields(header).map { $0.lowercased() }
        guard let t = names.firstIndex(of: "timestamp"), let v = names.firstIndex(of: "value") else {
            throw DetectionError("the header must name the columns timestamp and value (got '\(header.prefix(80))')")
        }
        var number = 1
        while let line = lines.next() {
            number += 1
            if line.allSatisfy(\.isWhitespace) { continue }
            let fields = Self.fields(line)
            guard fields.count > max(t, v) else {
                throw DetectionError("line \(number): expected \(names.count) columns, found \(fields.count)")
            }
            guard let seconds = Timestamps.parse(fields[t]) else {
                throw DetectionError("line \(number): timestamp '\(fields[t])' is neither YYYY-MM-DD HH:MM:SS nor RFC 3339")
            }
            guard let value = Double(fields[v].trimmingSpaces), value.isFinite else {
                throw DetectionError("line \(number): value '\(fields[v])' is not a finite number")
            }
            timestampTexts.append(fields[t])
            valueTexts.append(fields[v])
            timestamps.append(seconds)
            values.append(value)
        }
        guard !values.isEmpty else { throw DetectionError("the input has a header but no rows") }
    }

    /// The typical spacing of the timestamps in seconds (the median gap), or `nil` with fewer
    /// than two distinct ones.
    public var bucketSeconds: Int? {
        let gaps = zip(timestamps.dropFirst(), timestamps).map { Double($0 - $1) }.filter { $0 > 0 }
        guard !gaps.isEmpty else { return nil }
        return Int(RobustStatistics.median(of: gaps))
    }

    static func fields(_ line: Substring) -> [String] {
        line.split(separator: ",", omittingEmptySubsequences: false).map { field in
            var s = field.trimmingSpaces
            if s.count >= 2, s.first == "\"", s.last == "\"" { s = String(s.dropFirst().dropLast()) }
            return s
        }
    }
}

extension StringProtocol {
    var trimmingSpaces: String {
        String(self.drop { $0 == " " || $0 == "\r" || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\r" || $0 == "\t" }.reversed())
    }
}
