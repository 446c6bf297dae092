import Testing

@testable import WeirLog

/// W3C extended logs: CloudFront's standard logs (tab-separated, the 33 documented fields) and
/// IIS's (space-separated, its default fields), on lines written from their field lists; the
/// `#Fields:` directive that redefines the format as the log is read.
struct W3CFormatTests {
    static let cloudfrontFields =
        "#Fields: date time x-edge-location sc-bytes c-ip cs-method cs(Host) cs-uri-stem sc-status cs(Referer) cs(User-Agent) "
        + "cs-uri-query cs(Cookie) x-edge-result-type x-edge-request-id x-host-header cs-protocol cs-bytes time-taken x-forwarded-for "
        + "ssl-protocol ssl-cipher x-edge-response-result-type cs-protocol-version fle-status fle-encrypted-fields c-port "
        + "time-to-first-byte x-edge-detailed-result-type sc-content-type sc-content-len sc-range-start sc-range-end"
    static let cloudfrontLines = [
        [
            "2024-03-01", "21:02:31", "LAX1", "392", "192.0.2.100", "GET", "d111111abcdef8.cloudfront.net", "/index.html", "200", "-",
            "Mozilla/5.0%20(Windows%20NT%2010.0;%20Win64;%20x64)", "-", "-", "Hit", "SOX4xwn4XV6Q4rgb7XiVGOHms_BGlTAC4KyHmureZmBNrjGdRLiNIQ==",
            "www.example.com", "https", "23", "0.001", "-", "TLSv1.2", "ECDHE-RSA-AES128-GCM-SHA256", "Hit", "HTTP/2.0", "-", "-", "11040",
            "0.001", "Hit", "text/html", "78", "-", "-",
        ].joined(separator: "\t"),
        [
            "2024-03-01", "22:36:27", "SEA19-C1", "900", "2001:db8::1", "GET", "d111111abcdef8.cloudfront.net", "/favicon.ico", "502",
            "http://www.example.com/", "curl/8.4.0", "v=1", "-", "Error", "1pkpNfBQ39sYMnjjUQjmH2w1wdJnbHYTbag21o_3OfcQgPzdL2RSSQ==",
            "www.example.com", "http", "675", "0.102", "-", "-", "-", "Error", "HTTP/1.1", "-", "-", "25260", "0.102", "OriginDnsError",
            "text/html", "507", "-", "-",
        ].joined(separator: "\t"),
    ]
    static let cloudfrontLog = "#Version: 1.0\n" + cloudfrontFields + "\n" + cloudfrontLines.joined(separator: "\n") + "\n"

    static let iisLog = """
        #Software: Microsoft Internet Information Services 10.0
        #Version: 1.0
        #Date: 2024-03-01 00:00:01
        #Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken
        2024-03-01 00:00:01 10.0.0.5 GET /index.html - 443 - 203.0.113.9 Mozilla/5.0+(Windows+NT+10.0;+Win64;+x64) - 200 0 0 46
        2024-03-01 00:00:02 10.0.0.5 POST /login.aspx ReturnUrl=%2F 443 alice 203.0.113.10 curl/8.4.0 https://www.example.com/ 302 0 0 1250
        not a w3c line
        #Software: Microsoft Internet Information Services 10.0
        #Fields: date time c-ip cs-method cs-uri-stem sc-status sc-bytes time-taken
        2024-03-01 00:10:00 203.0.113.11 GET /about 404 1432 15

        """

    func read(_ text: String, format: LogFormat?) throws -> (records: [LogRecord], failures: [(Int, ParseFailure)], reader: LogReader) {
        var reader = LogReader(source: MemorySource(text), name: "mem", format: format, chunkSize: 64)
        var records: [LogRecord] = []
        var failures: [(Int, ParseFailure)] = []
        try reader.read { line, parsed in
            if let failure = line.failure { failures.append((line.number, failure)) } else { records.append(LogRecord(parsed, line: line.bytes)) }
        }
        return (records, failures, reader)
    }

    @Test func cloudfrontStandardLog() throws {
        let (records, failures, reader) = try read(Self.cloudfrontLog, format: nil)
        #expect(failures.isEmpty, "\(failures)")
        #expect(reader.format?.name == "cloudfront" && reader.directives == 2)
        let hit = try #require(records.first)
        #expect(hit.timestamp == Timestamps.parse("2024-03-01T21:02:31Z") && hit.client == "192.0.2.100")
        #expect(hit.method == "GET" && hit.target == "/index.html" && hit.status == 200 && hit.bytes == 392)
        #expect(hit.host == "www.example.com", "the viewer's Host header, not the distribution's name")
        #expect(hit.scheme == "https" && hit.durationMicros == 1_000 && hit.protocolVersion == "HTTP/2.0")
        let error = records[1]
        #expect(error.client == "2001:db8::1" && error.status == 502 && error.referrer == "http://www.example.com/")
        #expect(error.durationMicros == 102_000 && error.userAgent == "curl/8.4.0")
        // Named, the default fields apply until a #Fields: line says otherwise: the same records.
        let named = try read(Self.cloudfrontLines.joined(separator: "\n"), format: LogFormat.named("cloudfront"))
        #expect(named.failures.isEmpty && named.records == records)
    }

    @Test func iisLogWithItsFieldsRedefinedMidFile() throws {
        let (records, failures, reader) = try read(Self.iisLog, format: nil)
        #expect(reader.format?.name == "w3c" && reader.directives == 6)
        #expect(records.count == 3)
        #expect(failures.count == 1 && failures.first?.0 == 7, "the junk line, numbered as in the file")
        let first = records[0]
        #expect(first.timestamp == Timestamps.parse("2024-03-01T00:00:01Z") && first.client == "203.0.113.9" && first.port == 443)
        #expect(first.target == "/index.html" && first.status == 200 && first.durationMicros == 46_000, "IIS writes milliseconds")
        #expect(first.userAgent == "Mozilla/5.0+(Windows+NT+10.0;+Win64;+x64)")
        #expect(records[1].method == "POST" && records[1].user == "alice" && records[1].status == 302)
        let after = records[2]  // read with the second #Fields: line's eight fields
        #expect(after.client == "203.0.113.11" && after.status == 404 && after.bytes == 1432 && after.durationMicros == 15_000)
    }

    @Test func directivesNeedADateAndTimeAndOtherFormatsReadHashLinesAsMalformed() throws {
        #expect(throws: LogFormatError.self) { try LogFormat.w3c(fields: ["c-ip", "cs-method", "sc-status"], flavor: .w3c) }
        #expect(throws: InputError.self) { try read("#Fields: time c-ip sc-status\n00:00:01 1.2.3.4 200\n", format: LogFormat.named("w3c")) }
        let combined = try read("#Fields: date time\n", format: LogFormat.combined)
        #expect(combined.failures.count == 1 && combined.reader.directives == 0)
        #expect(FormatDetector.detect([Array(Self.cloudfrontLines[0].utf8)]) == nil, "no #Fields line: not guessed")
    }
}
