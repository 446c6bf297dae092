import Testing

@testable import WeirLog

/// Every supported layout parses into the right fields.
struct FormatTests {
    let combinedLine =
        #"83.149.9.216 - frank [17/May/2015:10:05:03 +0000] "GET /presentations/logstash/kibana.png?x=1 HTTP/1.1" 200 203023 "http://semicomplete.com/" "Mozilla/5.0 (Macintosh)""#

    func record(_ format: LogFormat, _ line: String) throws -> LogRecord {
        try LineParser(format: format).parse(line).get()
    }

    @Test func combined() throws {
        let r = try record(.combined, combinedLine)
        #expect(r.client == "83.149.9.216")
        #expect(r.ident == "-")
        #expect(r.user == "frank")
        #expect(r.timestamp == 1_431_857_103)
        #expect(r.method == "GET")
        #expect(r.target == "/presentations/logstash/kibana.png?x=1")
        #expect(r.protocolVersion == "HTTP/1.1")
        #expect(r.status == 200)
        #expect(r.bytes == 203_023)
        #expect(r.referrer == "http://semicomplete.com/")
        #expect(r.userAgent == "Mozilla/5.0 (Macintosh)")
        #expect(r.section == "/presentations")
    }

    @Test func common() throws {
        let r = try record(.common, #"127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] "POST /api/user HTTP/1.0" 503 -"#)
        #expect(r.timestamp == 971_211_336)
        #expect(r.utcOffset == -25200)
        #expect(r.bytes == 0)
        #expect(r.referrer == nil)
        #expect(r.section == "/api")
        // A combined line is not a common line: the extra fields are reported, not ignored.
        #expect(LineParser(format: .common).parse(combinedLine) == .failure(.trailingData(column: 115)))
    }

    @Test func virtualHostVariants() throws {
        let withPort = try record(
            LogFormat.named("vhost_combined")!,
            #"www.example.com:443 10.0.0.1 - - [10/Oct/2000:13:55:36 +0000] "GET / HTTP/1.1" 200 512 "-" "curl/8""#
        )
        #expect(withPort.host == "www.example.com")
        #expect(withPort.port == 443)
        #expect(withPort.client == "10.0.0.1")
        let plain = try record(LogFormat.named("vcommon")!, #"shop.example.com 10.0.0.2 - - [10/Oct/2000:13:55:36 +0000] "GET /cart HTTP/1.1" 302 0"#)
        #expect(plain.host == "shop.example.com")
        #expect(plain.section == "/cart")
    }

    @Test func customApacheFormat() throws {
        let format = try LogFormat.parse(#"%v %h %l %u %t "%r" %>s %b %D %{X-Forwarded-Proto}i "%{User-Agent}i""#)
        let r = try record(
            format,
            #"api.example.com 2001:db8::7 - - [01/Jan/2026:00:00:01 +0100] "DELETE /api/v1/items/9 HTTP/2.0" 204 - 1534 https "k6/0.49""#
        )
        #expect(r.host == "api.example.com")
        #expect(r.client == "2001:db8::7")
        #expect(r.timestamp == 1_767_222_001)
        #expect(r.durationMicros == 1534)
        #expect(r.scheme == "https")
        #expect(r.userAgent == "k6/0.49")
        let split = try LogFormat.parse(#"%h %{sec}t %m %U%q %H %s %O %T"#)
        let s = try record(split, "10.1.1.1 1767222001 GET /a/b?c=d HTTP/1.1 404 99 2")
        #expect(s.target == "/a/b?c=d")
        #expect(s.durationMicros == 2_000_000)
        #expect(s.timestamp == 1_767_222_001)
    }

    @Test func nginxFormat() throws {
        let format = try LogFormat.parse(
            #"$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent" $request_time $scheme $host"#
        )
        let r = try record(
            format,
            #"192.168.1.9 - - [21/Nov/2026:08:00:00 +0000] "GET /health HTTP/1.1" 200 2 "-" "kube-probe/1.31" 0.003 http api.internal"#
        )
        #expect(r.durationMicros == 3000)
        #expect(r.scheme == "http")
        #expect(r.host == "api.internal")
        #expect(r.timestamp == Timestamps.parse("2026-11-21T08:00:00Z"))
        let iso = try LogFormat.parse(#"$remote_addr $time_iso8601 "$request" $status"#)
        #expect(try record(iso, #"::1 2026-11-21T09:00:00+01:00 "GET / HTTP/1.1" 200"#).timestamp == Timestamps.parse("2026-11-21T08:00:00Z"))
    }

    @Test func jsonLines() throws {
        let r = try record(
            .json,
            #"{"@timestamp":"2026-11-21T08:00:00.123Z","remote":"10.0.0.5","method":"POST","path":"/api/login","code":401,"size":"120","agent":"say \"hi\"","nested":{"a":[1,{"b":"}"}]}}"#
        )
        #expect(r.client == "10.0.0.5")
        #expect(r.status == 401)
        #expect(r.bytes == 120)
        #expect(r.userAgent == #"say "hi""#)
        #expect(r.section == "/api")
        #expect(r.timestamp == Timestamps.parse("2026-11-21T08:00:00Z"))
        let mapped = try LogFormat.parse("json:time=ts,client=who")
        let m = try record(mapped, #"{"ts":1763712000,"who":"1.2.3.4","status":200}"#)
        #expect(m.client == "1.2.3.4")
        #expect(m.timestamp == 1_763_712_000)
        #expect(LineParser(format: .json).parse(#"{"remote":"1.2.3.4"}"#) == .failure(.missingField("timestamp", column: 1)))
        #expect(throws: LogFormatError.self) { try LogFormat.parse("json:when=ts") }
    }

    @Test func badFormatStrings() {
        #expect(throws: LogFormatError.self) { try LogFormat.parse("nonsense") }
        #expect(throws: LogFormatError.self) { try LogFormat.parse("%h %l %u %>s") }  // no timestamp
        #expect(throws: LogFormatError.self) { try LogFormat.parse("%h%u %t") }  // no separator
        #expect(throws: LogFormatError.self) { try LogFormat.parse("%{%d/%b}t %h") }
    }

    @Test(arguments: [
        ("combined", #"1.2.3.4 - - [10/Oct/2000:13:55:36 +0000] "GET / HTTP/1.1" 200 5 "-" "ua""#),
        ("common", #"1.2.3.4 - - [10/Oct/2000:13:55:36 +0000] "GET / HTTP/1.1" 200 5"#),
        ("vhost_combined", #"h:80 1.2.3.4 - - [10/Oct/2000:13:55:36 +0000] "GET / HTTP/1.1" 200 5 "-" "ua""#),
        ("vhost_common", #"h:80 1.2.3.4 - - [10/Oct/2000:13:55:36 +0000] "GET / HTTP/1.1" 200 5"#),
        ("vcombined", #"h 1.2.3.4 - - [10/Oct/2000:13:55:36 +0000] "GET / HTTP/1.1" 200 5 "-" "ua""#),
        ("vcommon", #"h 1.2.3.4 - - [10/Oct/2000:13:55:36 +0000] "GET / HTTP/1.1" 200 5"#),
        ("json", #"{"time":"2000-10-10T13:55:36Z","remote_addr":"1.2.3.4","status":200}"#),
    ])
    func detection(expected: String, line: String) {
        let lines = Array(repeating: Array(line.utf8), count: 5) + [Array("garbage".utf8)]
        #expect(FormatDetector.detect(lines)?.name == expected)
    }

    @Test func detectionFailsOnNonLogs() {
        #expect(FormatDetector.detect([Array("root:x:0:0:root:/root:/bin/bash".utf8)]) == nil)
    }
}
