import Foundation
import Testing

@testable import WeirLog

struct TimestampTests {
    @Test func sameInstantInTwoZones() throws {
        let parser = LineParser(format: .common)
        let utc = try parser.parse(#"a - - [10/Oct/2000:20:55:36 +0000] "GET / HTTP/1.1" 200 1"#).get()
        let pdt = try parser.parse(#"a - - [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.1" 200 1"#).get()
        let ist = try parser.parse(#"a - - [11/Oct/2000:02:25:36 +0530] "GET / HTTP/1.1" 200 1"#).get()
        #expect(utc.timestamp == pdt.timestamp)
        #expect(utc.timestamp == ist.timestamp)
    }

    @Test func calendarArithmeticMatchesFoundation() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let seconds = Int64.random(in: -2_000_000_000...8_000_000_000, using: &rng)
            let text = Timestamps.rfc3339(seconds)
            let formatter = ISO8601DateFormatter()
            #expect(formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds))) == text)
            #expect(Timestamps.parse(text) == seconds)
            var local: [UInt8] = []
            Timestamps.appendCommonLogTime(seconds, offset: -34200, to: &local)
            #expect(Timestamps.parse(String(decoding: local, as: UTF8.self)) == seconds)
        }
    }

    @Test func userInstants() {
        #expect(Timestamps.parse("2000-10-10T13:00:00Z") == 971_182_800)
        #expect(Timestamps.parse("2000-10-10 13:00:00") == 971_182_800)
        #expect(Timestamps.parse("2000-10-10T15:00:00+02:00") == 971_182_800)
        #expect(Timestamps.parse("2000-10-10T13:00:00.999Z") == 971_182_800)
        #expect(Timestamps.parse("971182800") == 971_182_800)
        #expect(Timestamps.parse("2000-13-10T13:00:00Z") == nil)
        #expect(Timestamps.parse("yesterday") == nil)
    }

    /// The fuzzer's find: year 0000 at +20:00 is year -1 in UTC, which four-digit years cannot
    /// write, and writing it trapped. Such times are refused where they are read, and writing any
    /// instant never traps.
    @Test func instantsOutsideFourDigitYearsAreRefusedAndNeverTrap() {
        #expect(Timestamps.parseRFC3339("0000-01-01T10:00:15.+20:00") == nil)
        #expect(Timestamps.parseRFC3339("0000-01-01T10:00:15+20:00") == nil)
        #expect(Timestamps.parseRFC3339("0000-01-01T00:00:00Z") == Timestamps.writableSeconds.lowerBound)
        #expect(Timestamps.parseRFC3339("9999-12-31T23:59:59Z") == Timestamps.writableSeconds.upperBound)
        #expect(Timestamps.parseRFC3339("9999-12-31T23:59:59-00:01") == nil)
        #expect(Timestamps.parseRFC3339("2000-10-10T13:00:00.Z") == nil)
        #expect(Timestamps.parse("01/Jan/0000:00:00:00 +0100") == nil)
        #expect(Timestamps.parse("999999999999") == nil)
        #expect(Timestamps.rfc3339(-62_167_219_201) == "-0001-12-31T23:59:59Z")
        #expect(Timestamps.rfc3339(253_402_300_800) == "10000-01-01T00:00:00Z")
        #expect(Timestamps.rfc3339(Int64.min).hasPrefix("-"))
        #expect(Timestamps.rfc3339(Int64.max).hasSuffix("Z"))
    }

    @Test func commonLogTimeWithMillisecondsOrWithoutAZone() {
        func parse(_ text: String) -> (seconds: Int64, offset: Int32)? {
            Array(text.utf8).withUnsafeBytes { Timestamps.parseCommonLogTime($0, ByteRange(start: 0, end: $0.count)) }
        }
        #expect(parse("06/Feb/2009:12:14:14.655")?.seconds == Timestamps.parse("2009-02-06T12:14:14Z"))
        #expect(parse("06/Feb/2009:12:14:14.655 +0100")?.seconds == Timestamps.parse("2009-02-06T11:14:14Z"))
        #expect(parse("06/Feb/2009:12:14:14 -0700")?.offset == -25_200)
        for bad in ["06/Feb/2009:12:14:14.", "06/Feb/2009:12:14:14.5x", "06/Feb/2009:12:14:14 +01", "06/Feb/2009:12:14:14.5 +0100 "] {
            #expect(parse(bad) == nil, "\(bad)")
        }
    }
}
