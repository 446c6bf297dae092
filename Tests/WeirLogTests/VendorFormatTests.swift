import Testing

@testable import WeirLog

/// The vendors' formats, on lines written from their published examples and field lists: AWS
/// Classic and Application Load Balancers, S3 server access logs, Traefik's common log format,
/// HAProxy's HTTP log, Caddy's JSON access log.
struct VendorFormatTests {
    static let elb = [
        #"2015-05-13T23:39:43.945958Z my-loadbalancer 192.168.131.39:2817 10.0.0.1:80 0.000073 0.001048 0.000057 200 200 0 29 "GET http://www.example.com:80/ HTTP/1.1" "curl/7.38.0" - -"#,
        #"2015-05-13T23:39:43.945958Z my-loadbalancer 192.168.131.39:2817 10.0.0.1:80 0.000086 0.001048 0.001337 200 200 0 57 "GET https://www.example.com:443/ HTTP/1.1" "curl/7.38.0" DHE-RSA-AES128-SHA TLSv1.2"#,
    ]
    static let elbTCP =
        #"2015-05-13T23:39:43.945958Z my-loadbalancer 192.168.131.39:2817 10.0.0.1:80 0.001069 0.000028 0.000041 - - 82 305 "- - - " "-" - -"#
    static let alb = [
        #"http 2018-07-02T22:23:00.186641Z app/my-loadbalancer/50dc6c495c0c9188 192.168.131.39:2817 10.0.0.1:80 0.000 0.001 0.000 200 200 34 366 "GET http://www.example.com:80/ HTTP/1.1" "curl/7.46.0" - - arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067 "Root=1-58337262-36d228ad5d99923122bbe354" "-" "-" 0 2018-07-02T22:22:48.364000Z "forward" "-" "-" "10.0.0.1:80" "200" "-" "-""#,
        #"https 2018-07-02T22:23:00.186641Z app/my-loadbalancer/50dc6c495c0c9188 192.168.131.39:2817 10.0.0.1:80 0.086 0.048 0.037 200 200 0 57 "GET https://www.example.com:443/ HTTP/1.1" "curl/7.46.0" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067 "Root=1-58337281-1d84f3d73c47ec4e58577259" "www.example.com" "arn:aws:acm:us-east-2:123456789012:certificate/12345678-1234-1234-1234-123456789012" 1 2018-07-02T22:22:48.364000Z "authenticate,forward" "-" "-" "10.0.0.1:80" "200" "-" "-" TID_1234abcd5678ef90"#,
        #"https 2018-11-30T22:23:00.186641Z app/my-loadbalancer/50dc6c495c0c9188 192.168.131.39:2817 - -1 -1 -1 301 - 34 366 "GET https://www.example.com:443/ HTTP/1.1" "curl/7.46.0" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 - "Root=1-58337364-23a8c76965a2ef7629b185e3" "www.example.com" "arn:aws:acm:us-east-2:123456789012:certificate/12345678-1234-1234-1234-123456789012" 0 2018-11-30T22:22:48.364000Z "redirect" "https://www.example.com:443/" "-" "-" "-" "-" "-""#,
    ]
    static let s3 =
        #"79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be DOC-EXAMPLE-BUCKET1 [06/Feb/2019:00:00:38 +0000] 192.0.2.3 79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be 3E57427F3EXAMPLE REST.GET.VERSIONING - "GET /DOC-EXAMPLE-BUCKET1?versioning HTTP/1.1" 200 - 113 - 7 - "-" "S3Console/0.4" - s9lzHYrFp76ZVxRcpX9+5cjAnEH2ROuNkd2BHfIa6UkFVdtjf5mKR3/eTPFvsiP/XV/VLi31234= SigV4 ECDHE-RSA-AES128-GCM-SHA256 AuthHeader DOC-EXAMPLE-BUCKET1.s3.us-west-1.amazonaws.com TLSV1.2 arn:aws:s3:us-west-1:123456789012:accesspoint/example-AP Yes"#
    static let traefik =
        #"192.168.1.10 - - [10/Oct/2023:13:55:36 +0000] "GET /api/v1/items?page=2 HTTP/1.1" 200 2326 "https://example.org/" "curl/8.4.0" 42 "api@docker" "http://172.18.0.5:8080" 12ms"#

    static let haproxy = [
        #"Feb  6 12:14:14 localhost haproxy[14389]: 10.0.1.2:33317 [06/Feb/2009:12:14:14.655] http-in static/srv1 10/0/30/69/109 200 2750 - - ---- 1/1/1/1/0 0/0 {1wt.eu} {} "GET /index.html HTTP/1.1""#,
        #"10.0.1.2:33318 [06/Feb/2009:12:14:15.001] http-in static/srv1 10/0/-1/-1/9 503 212 - - SC-- 2/2/0/0/3 0/0 "GET /admin?x=1 HTTP/1.1""#,
    ]

    static let caddy =
        #"{"level":"info","ts":1646861401.5241024,"logger":"http.log.access","msg":"handled request","request":{"remote_ip":"10.0.0.9","remote_port":"41342","client_ip":"127.0.0.1","proto":"HTTP/1.1","method":"GET","host":"localhost","uri":"/docs/?q=1","headers":{"User-Agent":["curl/7.82.0"],"Accept":["*/*"],"Referer":["https://example.org/"]},"tls":{"resumed":false,"version":772,"proto":"h2","server_name":"example.com"}},"bytes_read":0,"user_id":"","duration":0.000929675,"size":10900,"status":200,"resp_headers":{"Server":["Caddy"],"Content-Type":["text/html; charset=utf-8"]}}"#

    func record(_ name: String, _ line: String) throws -> LogRecord {
        try LineParser(format: try #require(LogFormat.named(name))).parse(line).get()
    }

    @Test func classicLoadBalancer() throws {
        let r = try record("aws-elb", Self.elb[0])
        #expect(r.client == "192.168.131.39" && r.timestamp == Timestamps.parse("2015-05-13T23:39:43Z"))
        #expect(r.method == "GET" && r.target == "http://www.example.com:80/" && r.section == "/")
        #expect(r.status == 200 && r.bytes == 29 && r.userAgent == "curl/7.38.0" && r.durationMicros == 1_048)
        #expect(try record("aws-elb", Self.elb[1]).bytes == 57, "TLS fields after the agent are accepted")
        // A TCP listener's line has no HTTP status: malformed, and said why.
        guard case .failure(.invalidField(let field, _, _)) = LineParser(format: LogFormat.named("aws-elb")!).parse(Self.elbTCP) else {
            Issue.record("a TCP line is not a request")
            return
        }
        #expect(field == "status")
    }

    @Test func applicationLoadBalancer() throws {
        let plain = try record("aws-alb", Self.alb[0])
        #expect(plain.scheme == "http" && plain.client == "192.168.131.39" && plain.status == 200 && plain.bytes == 366)
        #expect(plain.durationMicros == 1_000 && plain.host == "-")
        let tls = try record("aws-alb", Self.alb[1])
        #expect(tls.scheme == "https" && tls.host == "www.example.com" && tls.durationMicros == 48_000)
        #expect(tls.timestamp == Timestamps.parse("2018-07-02T22:23:00Z") && tls.userAgent == "curl/7.46.0")
        let redirect = try record("aws-alb", Self.alb[2])
        #expect(redirect.status == 301 && redirect.durationMicros == nil, "-1: no target, no time")
    }

    @Test func s3ServerAccessLog() throws {
        let r = try record("s3", Self.s3)
        #expect(r.client == "192.0.2.3" && r.timestamp == Timestamps.parse("2019-02-06T00:00:38Z"))
        #expect(r.method == "GET" && r.target == "/DOC-EXAMPLE-BUCKET1?versioning" && r.section == "/DOC-EXAMPLE-BUCKET1")
        #expect(r.status == 200 && r.bytes == 113 && r.durationMicros == 7_000)
        #expect(r.referrer == "-" && r.userAgent == "S3Console/0.4")
    }

    @Test func traefikCommonLogFormat() throws {
        let r = try record("traefik", Self.traefik)
        #expect(r.client == "192.168.1.10" && r.status == 200 && r.bytes == 2_326 && r.durationMicros == 12_000)
        #expect(r.referrer == "https://example.org/" && r.userAgent == "curl/8.4.0")
        // Without the name it reads as Combined, whose trailing fields are allowed.
        #expect(FormatDetector.detect([Array(Self.traefik.utf8)])?.name == "combined")
    }

    @Test func haproxyHTTPLog() throws {
        let r = try record("haproxy", Self.haproxy[0])
        #expect(r.client == "10.0.1.2" && r.timestamp == Timestamps.parse("2009-02-06T12:14:14Z") && r.utcOffset == 0)
        #expect(r.method == "GET" && r.target == "/index.html" && r.status == 200 && r.bytes == 2_750 && r.durationMicros == 109_000)
        let bare = try record("haproxy", Self.haproxy[1])
        #expect(bare.client == "10.0.1.2" && bare.status == 503 && bare.target == "/admin?x=1" && bare.durationMicros == 9_000)
    }

    @Test func caddyJSONAccessLog() throws {
        let r = try record("caddy", Self.caddy)
        #expect(r.client == "127.0.0.1", "client_ip (after trusted proxies) wins over remote_ip")
        #expect(r.timestamp == 1_646_861_401 && r.method == "GET" && r.target == "/docs/?q=1" && r.protocolVersion == "HTTP/1.1")
        #expect(r.status == 200 && r.bytes == 10_900 && r.host == "localhost" && r.durationMicros == 929)
        #expect(r.userAgent == "curl/7.82.0" && r.referrer == "https://example.org/", "the first value of a header list")
        // A flat JSON line is not Caddy's: it lacks the nested request, so `json` reads it.
        let flat = #"{"ts":1646861401,"remote_addr":"1.2.3.4","request":"GET / HTTP/1.1","status":200}"#
        #expect(LineParser(format: .caddy).parse(flat) == .failure(.missingField("client", column: 1)))
        #expect(FormatDetector.detect([Array(flat.utf8)])?.name == "json")
    }

    /// AWS and HAProxy write an IPv6 client as `address:port` without brackets: the port is after
    /// the last colon.
    @Test func ipv6ClientsKeepTheirColons() throws {
        let alb = Self.alb[0].replacingOccurrences(of: "192.168.131.39:2817", with: "2001:db8:4538:1:bcf4:5264:e01c:f215:50718")
        #expect(try record("aws-alb", alb).client == "2001:db8:4538:1:bcf4:5264:e01c:f215")
        let elb = Self.elb[0].replacingOccurrences(of: "192.168.131.39:2817", with: "2001:db8::7:2817")
        #expect(try record("aws-elb", elb).client == "2001:db8::7")
        let haproxy = Self.haproxy[1].replacingOccurrences(of: "10.0.1.2:33318", with: "[2001:db8::2]:33318")
        #expect(try record("haproxy", haproxy).client == "2001:db8::2")
        #expect(try record("haproxy", Self.haproxy[1]).client == "10.0.1.2")
        #expect(try record("aws-elb", Self.elb[0]).client == "192.168.131.39")
    }

    static let traefikJSON =
        #"{"ClientAddr":"192.168.1.10:51234","ClientHost":"192.168.1.10","ClientPort":"51234","ClientUsername":"-","DownstreamContentSize":2326,"DownstreamStatus":200,"Duration":12345678,"OriginContentSize":2326,"OriginDuration":12000000,"OriginStatus":200,"Overhead":345678,"RequestAddr":"example.org","RequestContentSize":0,"RequestCount":42,"RequestHost":"example.org","RequestMethod":"GET","RequestPath":"/api/v1/items?page=2","RequestPort":"-","RequestProtocol":"HTTP/1.1","RequestScheme":"https","RetryAttempts":0,"RouterName":"api@docker","ServiceAddr":"172.18.0.5:8080","ServiceName":"api@docker","ServiceURL":"http://172.18.0.5:8080","StartLocal":"2023-10-10T15:55:36.123456789+02:00","StartUTC":"2023-10-10T13:55:36.123456789Z","entryPointName":"websecure","level":"info","msg":"","request_User-Agent":"curl/8.4.0","time":"2023-10-10T13:55:36Z"}"#

    /// Traefik's JSON access log, written from its documented keys: durations in nanoseconds.
    @Test func traefikJSONAccessLog() throws {
        let r = try record("traefik-json", Self.traefikJSON)
        #expect(r.client == "192.168.1.10" && r.method == "GET" && r.target == "/api/v1/items?page=2" && r.status == 200)
        #expect(r.timestamp == Timestamps.parse("2023-10-10T13:55:36Z") && r.bytes == 2326 && r.durationMicros == 12_345)
        #expect(r.host == "example.org" && r.scheme == "https" && r.userAgent == "curl/8.4.0" && r.protocolVersion == "HTTP/1.1")
        #expect(FormatDetector.detect([Array(Self.traefikJSON.utf8)])?.name == "traefik-json")
    }

    @Test func detectedWhereUnambiguous() {
        #expect(FormatDetector.detect([Array(Self.caddy.utf8)])?.name == "caddy")
        #expect(FormatDetector.detect(Self.haproxy.map { Array($0.utf8) })?.name == "haproxy")
        #expect(FormatDetector.detect(Self.elb.map { Array($0.utf8) })?.name == "aws-elb")
        #expect(FormatDetector.detect(Self.alb.map { Array($0.utf8) })?.name == "aws-alb")
        #expect(FormatDetector.detect([Array(Self.s3.utf8)])?.name == "s3")
        #expect(FormatDetector.detect([Array(#"127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.0" 200 5"#.utf8)])?.name == "common")
    }
}
