import Testing
import WeirCore
import WeirLog

@testable import WeirTraffic

struct TrafficTallyTests {
    /// A tally that keeps paths derives its sections from them; one that does not (the monitor's)
    /// counts them per line. Both must give the same counts, for every kind of target.
    @Test func sectionsDerivedFromPathsEqualSectionsCountedPerLine() {
        let targets = [
            "/api/user/1", "/api/user/2?x=1", "/api", "/", "/pages/create?x=1", "http://my.site.com/pages/create",
            "http://my.site.com", "https://h/?q", "*", "host:443", "/a#frag", "/a/b/c/d", "//double", "-",
        ]
        let parser = LineParser(format: .combined)
        var (derived, counted) = (TrafficTally(tracksPaths: true), TrafficTally(tracksPaths: false))
        var expected: [String: Int] = [:]
        for (i, target) in targets.enumerated() {
            for _ in 0...i {
                var bytes = Array("192.0.2.1 - - [10/Oct/2025:13:55:36 +0000] \"GET \(target) HTTP/1.1\" 200 5 \"-\" \"a\"".utf8)
                bytes.withUnsafeMutableBytes { raw in
                    let line = UnsafeRawBufferPointer(raw)
                    var parsed = ParsedLine()
                    #expect(parser.parse(line, into: &parsed) == nil)
                    derived.add(parsed, line: line)
                    counted.add(parsed, line: line)
                }
                expected[RequestTarget.section(of: target), default: 0] += 1
            }
        }
        let sections = { (tally: TrafficTally) in Dictionary(uniqueKeysWithValues: tally.sections.entries.map { ($0.key, $0.count) }) }
        #expect(sections(counted) == expected)
        #expect(sections(derived) == expected)
    }
}
