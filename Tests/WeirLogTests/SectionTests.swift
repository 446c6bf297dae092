import Testing
import WeirLog

struct SectionTests {
    @Test(arguments: [
        ("/api/user/1", "/api"), ("/", "/"), ("/pages/create?x=1", "/pages"),
        ("http://my.site.com/pages/create", "/pages"), ("https://h.example", "/"), ("/favicon.ico", "/favicon.ico"),
        ("/pages?x=1", "/pages"), ("*", "-"), ("example.com:443", "-"), ("", "-"), ("/a#frag/b", "/a"),
    ])
    func section(target: String, expected: String) {
        #expect(RequestTarget.section(of: target) == expected)
    }
}
