import Testing
import WeirCore
import WeirLog
import WeirRules
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

    /// Each path gets the first route it matches, whether seen once or again (the remembered
    /// answer is the same as the first), and whether the meter hashes paths itself or is given
    /// each target's id (up to its `?`, starting past ids taken before, as a resumed task run
    /// gives them); a duration on a bucket's bound is counted in it.
    @Test(arguments: [false, true]) func routesAndBoundsOfTheOptionsAreUsed(givenTargetIDs: Bool) throws {
        let options = TrafficMetricsOptions(routes: ["/a/*", "/a/**", "/**/*.png"].compactMap(URLPattern.init), bucketBounds: [0.3, 2])
        var meter = TrafficMeter(options: options)
        let parser = LineParser(format: try LogFormat.parse(#"$remote_addr [$time_local] "$request" $status $body_bytes_sent $request_time"#))
        let cases: [(path: String, route: String, seconds: String)] = [
            ("/a/1", "/a/*", "0.3"), ("/a/1/2", "/a/**", "0.301"), ("/b/c.png?x=/a/1", "/**/*.png", "2"), ("/b", "other", "2.5"),
            ("http://h.example/a/9", "/a/*", "0"), ("*", "other", "0.1"), ("/a/2#/x/y.png", "/a/*", "0.1"),
            ("/a/1?q", "/a/*", "0.1"), ("http://h.example?/a/1", "other", "0.1"),
        ]
        var targetIDs: [Substring: Int] = ["/carried": 0, "/a/1/2": 1, "/a/1": 3]
        var expected: [String: Int64] = [:]
        for round in 0..<3 {
            for (path, route, seconds) in cases {
                let line = #"10.0.0.1 [15/Jan/2027:07:00:00 +0000] "GET \#(path) HTTP/1.1" 200 1 \#(seconds)"#
                var parsed = ParsedLine()
                let failure = Array(line.utf8).withUnsafeBytes { parser.parse($0, into: &parsed) }
                try #require(failure == nil, "\(line)")
                let key = path.prefix { $0 != "?" }
                let targetID = targetIDs[key] ?? (targetIDs.count + 1)
                targetIDs[key] = targetID
                Array(line.utf8).withUnsafeBytes { meter.add(parsed, line: $0, targetID: givenTargetIDs ? targetID : nil) }
                expected[route, default: 0] += 1
                _ = round
            }
        }
        let counts = meter.finish(malformed: 0)
        var byRoute: [String: Int64] = [:]
        for (key, count) in counts.series { byRoute[key.route, default: 0] += count.requests }
        #expect(byRoute == expected)
        #expect(counts.bucketBounds == [0.3, 2])
        #expect(counts.durationBuckets == [18, 6, 3])
    }

    /// Meters of chunks of a run's lines (as parsing threads make them), appended in order, count
    /// what one meter counting every line counts: the same series, routes, durations, and the
    /// same virtual hosts folded past the cap (those first seen after it, whichever chunk saw
    /// them), though no chunk's meter folds any; a line without a virtual host is never folded.
    @Test(arguments: [1, 997, 4_000, 30_000])
    func chunksAppendedInOrderCountAsOneMeter(linesPerChunk: Int) throws {
        let options = TrafficMetricsOptions(routes: ["/a/*", "/b/**"].compactMap(URLPattern.init), bucketBounds: [0.01, 0.5])
        let parser = LineParser(format: try LogFormat.parse(#"$host $remote_addr [$time_local] "$request" $status $body_bytes_sent $request_time"#))
        var lines: [(bytes: [UInt8], parsed: ParsedLine, failure: ParseFailure?)] = []
        var random = SeededRandom(seed: 7)
        for i in 0..<24_000 {
            // Hosts seen early come back late; new ones go past the cap near the end.
            let host = i % 5 == 0 ? "h\(random.below(i / 2 + 1)).example" : i % 7 == 0 ? "-" : "h\(i).example"
            let path = ["/a/\(i % 13)", "/b/c/\(i)", "/z"][i % 3]
            let text =
                i % 101 == 0
                ? "junk \(i)"
                : #"\#(host) 10.0.0.1 [15/Jan/2027:07:00:00 +0000] "\#(["GET", "POST", "PURGE"][i % 3]) \#(path) HTTP/1.1" \#(200 + i % 4) \#(i % 50) 0.\#(i % 700)"#
            var parsed = ParsedLine()
            let failure = Array(text.utf8).withUnsafeBytes { parser.parse($0, into: &parsed) }
            lines.append((Array(text.utf8), parsed, failure))
        }
        var whole = TrafficMeter(options: options)
        var chunked = TrafficMeter(options: options)
        // As a parsing thread does: a copy of one empty meter per chunk (they share its routes' table).
        let empty = TrafficMeter(recipe: options)
        var chunk = empty
        for (k, line) in lines.enumerated() {
            line.bytes.withUnsafeBytes { bytes in
                let read = LogReader.Line(number: k + 1, bytes: bytes, failure: line.failure)
                whole.add(read, line.parsed)
                chunk.add(read, line.parsed)
            }
            if (k + 1) % linesPerChunk == 0 {
                chunked.append(chunk)
                chunk = empty
            }
        }
        chunked.append(chunk)
        let expected = whole.finish(malformed: 3)
        #expect(expected.folded > 1_000)
        #expect(expected.series.keys.contains { $0.vhost == "-" })
        #expect(expected.series.count > TrafficCounts.seriesCap)
        #expect(chunked.finish(malformed: 3) == expected)
    }
}
