import Testing
import WeirCore

/// Substring search on UTF-8 bytes, as the user-agent classifier and referring sites use it.
struct ByteSearchTests {
    @Test func findsTheOffsetJustPastTheFirstOccurrence() {
        #expect(ByteSearch.offset(after: "windows nt ", in: "mozilla (windows nt 10.0)") == 20)
        #expect(ByteSearch.offset(after: "moz", in: "mozilla") == 3)
        #expect(ByteSearch.offset(after: "lla", in: "mozilla") == 7)
        #expect(ByteSearch.offset(after: "bot", in: "robo") == nil)
        #expect(ByteSearch.offset(after: "longer than it", in: "short") == nil)
        #expect(ByteSearch.offset(after: "", in: "any") == 0)
        #expect(ByteSearch.offset(after: "x", in: "") == nil)
        #expect(ByteSearch.offset(after: "bot", in: "crawlér bbbot") == 14)
        #expect(ByteSearch.offset(after: "://", in: "https://a.example/x") == 8)
        #expect(ByteSearch.contains("python-requests/2.0", "requests") && !ByteSearch.contains("curl/8", "wget/"))
    }
}
