import Testing
import WeirLog
import WeirTraffic

/// The traffic meter's labels: every standard method by name, anything else `OTHER`; a run of
/// lines with the same labels counted as well as lines that alternate.
struct TrafficMeterTests {
    @Test func methodsAreNamedOrOther() throws {
        let methods = TrafficSeriesKey.standardMethods + ["PURGE", "get", "PROPFIND", "GETS", "GE", "-"]
        var meter = TrafficMeter()
        let parser = LineParser(format: try LogFormat.parse("combined"))
        for (k, method) in methods.enumerated() {
            for repeat_ in 0..<(k + 1) {
                let line = #"10.0.0.1 - - [15/Jan/2027:07:00:00 +0000] "\#(method) /x HTTP/1.1" \#(200 + repeat_ % 2) 7 "-" "t""#
                var parsed = ParsedLine()
                let failure = Array(line.utf8).withUnsafeBytes { parser.parse($0, into: &parsed) }
                try #require(failure == nil, "\(line)")
                Array(line.utf8).withUnsafeBytes { meter.add(parsed, line: $0) }
            }
        }
        let counts = meter.finish(malformed: 2)
        var expected: [String: Int64] = [:]
        for (k, method) in methods.enumerated() {
            expected[TrafficSeriesKey.standardMethods.contains(method) ? method : "OTHER", default: 0] += Int64(k + 1)
        }
        var byMethod: [String: Int64] = [:]
        for (key, count) in counts.series { byMethod[key.method, default: 0] += count.requests }
        #expect(byMethod == expected)
        #expect(counts.series.values.reduce(0) { $0 + $1.bytes } == 7 * expected.values.reduce(0, +))
        #expect(counts.malformed == 2)
    }
}
