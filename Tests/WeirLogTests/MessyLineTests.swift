import Testing

@testable import WeirLog

/// Real logs are messy: every case here either parses right or fails with its reason.
struct MessyLineTests {
    let parser = LineParser(format: .combined)

    func parse(_ line: String) -> Result<LogRecord, ParseFailure> { parser.parse(line) }

    @Test func ipv6AndHostNameClients() throws {
        #expect(
            try parse(#"2a02:c7f:7e2a:8b00::1 - - [10/Oct/2000:13:55:36 +0000] "GET / HTTP/1.1" 200 1 "-" "-""#).get().client
                == "2a02:c7f:7e2a:8b00::1"
        )
        #expect(
            try parse(#"crawl-66-249-73-135.googlebot.com - - [10/Oct/2000:13:55:36 +0000] "GET / HTTP/1.1" 200 1 "-" "-""#).get().client
                == "crawl-66-249-73-135.googlebot.com"
        )
    }

    @Test func escapedQuotesInsideQuotedFields() throws {
        let r = try parse(#"1.2.3.4 - - [10/Oct/2000:13:55:36 +0000] "GET /q?a=\"x\" HTTP/1.1" 200 1 "-" "Mozilla \"quoted\" agent \\""#).get()
        #expect(r.target == #"/q?a=\"x\""#)
        #expect(r.userAgent == #"Mozilla \"quoted\" agent \\"#)
        // An unescaped quote inside the agent does not end it early.
        let loose = try parse(#"1.2.3.4 - - [10/Oct/2000:13:55:36 +0000] "GET / HTTP/1.1" 200 1 "-" "Mozilla/5.0 "Evil"Bot""#).get()
        #expect(loose.userAgent == #"Mozilla/5.0 "Evil"Bot"#)
    }

    @Test func fullURLTargetsAndOddRequests() throws {
        let r = try parse(#"1.2.3.4 - - [10/Oct/2000:13:55:36 +0000] "GET http://my.site.com/pages/create HTTP/1.1" 200 1 "-" "-""#).get()
        #expect(r.target == "http://my.site.com/pages/create")
        #expect(r.section == "/pages")
        let noProtocol = try parse(#"1.2.3.4 - - [10/Oct/2000:13:55:36 +0000] "GET /old/page" 200 1 "-" "-""#).get()
        #expect(noProtocol.protocolVersion == nil)
        #expect(noProtocol.target == "/old/page")
        let dash = try parse(#"1.2.3.4 - - [10/Oct/2000:13:55:36 +0000] "-" 408 0 "-" "-""#).get()
        #expect(dash.method == "-")
        #expect(dash.section == "-")
        let spaces = try parse(#"1.2.3.4 - - [10/Oct/2000:13:55:36 +0000] "GET /a b c HTTP/1.1" 404 1 "-" "-""#).get()
        #expect(spaces.target == "/a b c")
    }

    @Test func missingClosingQuoteOfTheLastField() throws {
        let r = try parse(
            #"46.118.127.106 - - [20/May/2015:12:05:17 +0000] "GET /configlib.py HTTP/1.1" 200 235 "-" "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html"#
        ).get()
        #expect(r.userAgent == "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html")
        // Earlier fields must be closed.
        #expect(parse(#"1.2.3.4 - - [10/Oct/2000:13:55:36 +0000] "GET / HTTP/1.1 200 1"#) == .failure(.unterminatedQuote("request line", column: 42)))
    }

    @Test func lineEndingsNulAndInvalidUTF8() throws {
        #expect(try parse("1.2.3.4 - - [10/Oct/2000:13:55:36 +0000] \"GET / HTTP/1.1\" 200 1 \"-\" \"-\"\r").get().status == 200)
        let nul = try parse("1.2.3.4 - - [10/Oct/2000:13:55:36 +0000] \"GET /\u{0}x HTTP/1.1\" 200 1 \"-\" \"a\u{0}b\"").get()
        #expect(nul.target == "/\u{0}x")
        var bytes = Array(#"1.2.3.4 - - [10/Oct/2000:13:55:36 +0000] "GET /caf"#.utf8) + [0xC3, 0x28, 0xFF]
        bytes += Array(#" HTTP/1.1" 200 1 "-" "-""#.utf8)
        let record = try bytes.withUnsafeBytes { raw -> LogRecord in
            var parsed = ParsedLine()
            if let failure = parser.parse(raw, into: &parsed) { throw failure }
            return LogRecord(parsed, line: raw)
        }
        #expect(record.target == "/caf\u{FFFD}(\u{FFFD}")
    }

    @Test func malformedLinesSayWhy() {
        #expect(parse("") == .failure(.emptyLine))
        #expect(parse("   \r") == .failure(.emptyLine))
        #expect(parse("hello world") == .failure(.missingField("user", column: 12)))
        #expect(parse(#"1.2.3.4 - - 10/Oct/2000:13:55:36 +0000 "GET / HTTP/1.1" 200 1"#) == .failure(.expected("' ['", column: 12)))
        #expect(
            parse(#"1.2.3.4 - - [10/Foo/2000:13:55:36 +0000] "GET / HTTP/1.1" 200 1 "-" "-""#)
                == .failure(.invalidField("timestamp", value: "10/Foo/2000:13:55:36 +0000", column: 14))
        )
        #expect(
            parse(#"1.2.3.4 - - [10/Oct/2000:13:55:36 +0000] "GET / HTTP/1.1" abc 1 "-" "-""#)
                == .failure(.invalidField("status", value: "abc", column: 59))
        )
        #expect(
            parse(#"1.2.3.4 - - [10/Oct/2000:13:55:36 +0000] "GET / HTTP/1.1" 200 12k "-" "-""#)
                == .failure(.invalidField("bytes", value: "12k", column: 63))
        )
    }

    @Test func extraFieldsAfterCombinedAreAccepted() throws {
        #expect(try parse(#"1.2.3.4 - - [10/Oct/2000:13:55:36 +0000] "GET / HTTP/1.1" 200 1 "-" "ua" "10.0.0.1" 0.004"#).get().userAgent == "ua")
    }
}
