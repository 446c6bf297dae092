import Foundation
import Testing

@testable import WeirLog

/// Syslog messages as nginx, rsyslog and RFC 5424 senders write them, the access-log line inside
/// found in place; and TCP streams cut into messages by either framing of RFC 6587.
struct SyslogTests {
    static let line = #"203.0.113.7 - - [06/Dec/2026:10:00:00 +0000] "GET /a HTTP/1.1" 200 512 "-" "curl/8""#

    /// The host name and content of `text`, or `nil` when it is no syslog message.
    func parse(_ text: String) -> (host: String?, content: String)? {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBytes { raw in
            guard let message = SyslogMessage(raw) else { return nil }
            let host = message.hostname.map { String(decoding: raw[$0], as: UTF8.self) }
            return (host, String(decoding: raw[message.content], as: UTF8.self))
        }
    }

    @Test func nginxAndRsyslogHeadersAreStripped() throws {
        // nginx: `access_log syslog:server=127.0.0.1:5514,tag=nginx combined;`
        let nginx = try #require(parse("<190>Dec  6 10:00:00 web-1 nginx: \(Self.line)"))
        #expect(nginx.host == "web-1" && nginx.content == Self.line)
        // rsyslog's traditional forwarding format, a pid in the tag, a trailing newline.
        let rsyslog = try #require(parse("<134>Dec 16 09:05:07 edge-2 nginx[812]: \(Self.line)\n"))
        #expect(rsyslog.host == "edge-2" && rsyslog.content == Self.line)
        // rsyslog's forwarding format with an RFC 3339 time.
        let iso = try #require(parse("<190>2026-12-06T10:00:00.123456+01:00 web-3 nginx: \(Self.line)"))
        #expect(iso.host == "web-3" && iso.content == Self.line)
        // No host name before the tag.
        let bare = try #require(parse("<190>Dec  6 10:00:00 nginx: \(Self.line)"))
        #expect(bare.host == nil && bare.content == Self.line)
        // A message that begins with a space keeps it.
        #expect(parse("<190>Dec  6 10:00:00 web-1 nginx:  x")?.content == " x")
    }

    @Test func rfc5424HeadersAndStructuredDataAreStripped() throws {
        let plain = try #require(parse("<165>1 2026-12-06T10:00:00.003Z web-4 nginx 812 ID47 - \(Self.line)"))
        #expect(plain.host == "web-4" && plain.content == Self.line)
        let sd = #"[exampleSDID@32473 iut="3" eventSource="App\]lication" eventID="1011"][meta seq="1"]"#
        let structured = try #require(parse("<165>1 2026-12-06T10:00:00Z - nginx - - \(sd) \u{FEFF}\(Self.line)"))
        #expect(structured.host == nil && structured.content == Self.line)
        #expect(parse("<165>1 2026-12-06T10:00:00Z web-4 nginx - - -")?.content == "")
    }

    @Test(arguments: [
        "", "<", "<190", "<192>Dec  6 10:00:00 web nginx: x", "<1900>Dec  6 10:00:00 web nginx: x", "190>Dec  6 10:00:00 web nginx: x",
        "<190>", "<190>web nginx: x", "<190>Dec  6 10:00:00 web nginx x", "<165>1 2026-12-06T10:00:00Z web nginx - - [unclosed x",
        "<165>1 2026-12-06T10:00:00Z web nginx -", Self.line,
    ])
    func malformedHeadersAreRefused(text: String) {
        #expect(parse(text) == nil, "\(text)")
    }

    /// `stream` cut into `pieces`-byte feeds: the messages, and how many were too long.
    func frames(_ stream: [UInt8], pieces: Int, limit: Int = 64) -> ([String], Int) {
        var framing = SyslogFraming(maxMessageLength: limit)
        var messages: [String] = []
        var at = 0
        while at < stream.count {
            let end = min(stream.count, at + pieces)
            stream[at..<end].withUnsafeBytes { framing.feed($0) { messages.append(String(decoding: $0, as: UTF8.self)) } }
            at = end
        }
        return (messages, framing.tooLong)
    }

    @Test func bothFramingsAreCutWhateverTheFeedsAndOverlongMessagesAreSkipped() {
        let long = String(repeating: "x", count: 100)
        let stream = Array("11 <13>1 - a b\n<13>plain one\n\n5 hello\(long.utf8.count) \(long)<13>after long\n\(long)\n7 the end".utf8)
        for pieces in [1, 2, 3, 7, 64, 1_000] {
            let (messages, tooLong) = frames(stream, pieces: pieces)
            #expect(messages == ["<13>1 - a b", "<13>plain one", "hello", "<13>after long", "the end"], "feeds of \(pieces)")
            #expect(tooLong == 2, "feeds of \(pieces)")
        }
    }

    /// A 1 MiB message without a newline costs at most the limit in memory and stops nothing.
    @Test func aMebibyteLineIsDroppedAndTheNextMessageRead() {
        var stream = Array(repeating: UInt8(ascii: "y"), count: 1 << 20)
        stream += Array("\n<13>next\n".utf8)
        let (messages, tooLong) = frames(stream, pieces: 65_536, limit: 64 * 1024)
        #expect(messages == ["<13>next"])
        #expect(tooLong == 1)
    }
}
