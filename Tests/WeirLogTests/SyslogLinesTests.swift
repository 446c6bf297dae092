import Testing
import WeirLog

/// Listen addresses, the lines a listener makes of syslog messages, and the host name a journal
/// line starts with, as the parser reads it.
struct SyslogLinesTests {
    @Test(arguments: [
        ("udp://127.0.0.1:5514", "udp://127.0.0.1:5514", "udp-127.0.0.1-5514"),
        ("TCP://0.0.0.0:6514", "tcp://0.0.0.0:6514", "tcp-0.0.0.0-6514"),
        ("udp://[::1]:514", "udp://[::1]:514", "udp-__1-514"),
        ("tcp://localhost:65535", "tcp://localhost:65535", "tcp-localhost-65535"),
    ])
    func addressesThatParse(text: String, shown: String, folder: String) throws {
        let address = try SyslogAddress(text)
        #expect(address.description == shown)
        #expect(address.folderName == folder)
    }

    @Test(arguments: [
        ("http://127.0.0.1:5514", "udp://HOST:PORT"), ("udp://127.0.0.1", "needs a port"), ("udp://127.0.0.1:0", "1 to 65535"),
        ("udp://127.0.0.1:99999999999999999999", "1 to 65535"), ("udp://example.com:514", "address of this machine"),
        ("udp://300.1.1.1:514", "address of this machine"), ("udp://:514", "address of this machine"), ("udp://[::1:514", "brackets"),
    ])
    func addressesThatDoNot(text: String, says: String) {
        #expect(throws: SyslogAddressError.self) { try SyslogAddress(text) }
        do { _ = try SyslogAddress(text) } catch { #expect(error.description.contains(says), "\(error)") }
    }

    func lines(_ messages: [String], keepsHost: Bool) -> (String, SyslogLines) {
        var lines = SyslogLines(keepsHost: keepsHost)
        for message in messages { Array(message.utf8).withUnsafeBytes { lines.add($0) } }
        return (String(decoding: lines.bytes, as: UTF8.self), lines)
    }

    @Test func headersComeOffAndHostsStay() {
        let messages = [
            "<190>Dec  6 10:00:00 web-1 nginx: 1.2.3.4 - - line one",
            "<190>1 2026-12-06T10:00:00Z web-2 nginx - - [a b=\"c\"] line two\n",
            "<190>Dec  6 10:00:00 nginx: no host\r\n",
            "no header at all",
            "<13>Dec  6 10:00:00 h t: with\nnewline",
            "",
        ]
        let (kept, batch) = lines(messages, keepsHost: true)
        #expect(kept == "web-1 1.2.3.4 - - line one\nweb-2 line two\n- no host\n- no header at all\nh with newline\n")
        #expect(batch.count == 5 && batch.headerless == 1)
        let (bare, _) = lines(messages, keepsHost: false)
        #expect(bare == "1.2.3.4 - - line one\nline two\nno host\nno header at all\nwith newline\n")
    }

    /// Junk whose host name holds a newline (the fuzzer found one) is still one line.
    @Test func aNewlineInAHostNameDoesNotSplitTheLine() {
        for message in ["<190>Dec  6 10:00:00 web\n1 nginx: x", "<190>1 2026-12-06T10:00:00Z we\rb nginx - - - y"] {
            let (kept, batch) = lines([message], keepsHost: true)
            #expect(batch.count == 1 && kept.filter { $0 == "\n" }.count == 1, "\(kept.debugDescription)")
        }
    }

    @Test func theLeadingHostIsTheVirtualHostWhenAsked() throws {
        let line = #"web-9 1.2.3.4 - - [06/Dec/2026:10:00:00 +0000] "GET /a HTTP/1.1" 200 5 "-" "curl""#
        var format = LogFormat.combined
        format.hostPrefix = .virtualHost
        var parsed = ParsedLine()
        let failure = Array(line.utf8).withUnsafeBytes { LineParser(format: format).parse($0, into: &parsed) }
        #expect(failure == nil)
        #expect(parsed.fields.contains(.host))
        #expect(String(decoding: Array(line.utf8)[parsed.host.start..<parsed.host.end], as: UTF8.self) == "web-9")
        #expect(parsed.status == 200)
        format.hostPrefix = .skipped
        let skipped = Array(line.utf8).withUnsafeBytes { LineParser(format: format).parse($0, into: &parsed) }
        #expect(skipped == nil && !parsed.fields.contains(.host) && parsed.status == 200)
        // `-` is no host; a JSON line after the host name parses too.
        format = LogFormat.json
        format.hostPrefix = .virtualHost
        let json = #"- {"time":"2026-12-06T10:00:00Z","remote_addr":"1.2.3.4","method":"GET","path":"/","status":204}"#
        let jsonFailure = Array(json.utf8).withUnsafeBytes { LineParser(format: format).parse($0, into: &parsed) }
        #expect(jsonFailure == nil && parsed.status == 204 && !parsed.fields.contains(.host))
        // A line that is only a host name is malformed, not a crash.
        let bare = Array("web-9".utf8).withUnsafeBytes { LineParser(format: format).parse($0, into: &parsed) }
        #expect(bare != nil)
    }
}
