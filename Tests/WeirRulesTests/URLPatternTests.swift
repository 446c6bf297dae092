import Testing

@testable import WeirRules

struct URLPatternTests {
    @Test func starStaysInOneSegment() {
        let p = URLPattern("/api/*/items")!
        #expect(p.matches("/api/v1/items"))
        #expect(!p.matches("/api/v1/x/items"))
        #expect(URLPattern("/static/*.css")!.matches("/static/site.css"))
        #expect(!URLPattern("/static/*.css")!.matches("/static/site.js"))
    }

    @Test func doubleStarCrossesSegments() {
        let p = URLPattern("/static/**")!
        #expect(p.matches("/static/a/b/c.png"))
        #expect(p.matches("/static"))
        #expect(!p.matches("/other/a"))
        #expect(URLPattern("/**/admin")!.matches("/a/b/admin"))
        #expect(URLPattern("/")!.matches("/"))
        #expect(!URLPattern("/")!.matches("/x"))
    }

    @Test func patternMustBeAPath() {
        #expect(URLPattern("static/**") == nil)
    }
}
