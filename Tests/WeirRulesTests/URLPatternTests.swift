import Foundation
import Testing
import WeirCore

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

    /// Random patterns and paths over a small alphabet, so that they often match, against the
    /// same patterns as regular expressions: a glob segment `/x*y` is `/x[^/]*y`, a `**` segment
    /// is any number of `/segment`. The empty path matches as `/` does.
    @Test func randomPatternsAgreeWithRegularExpressions() throws {
        var random = SeededRandom(seed: 7)
        var compared = 0
        var matched = 0
        for _ in 0..<400 {
            let segments = (0..<Int.random(in: 1...4, using: &random)).map { _ in
                Bool.random(using: &random) && Int.random(in: 0..<3, using: &random) == 0
                    ? "**" : Self.randomText(from: "ab*", upTo: 4, using: &random)
            }
            let text = "/" + segments.joined(separator: "/")
            let pattern = try #require(URLPattern(text))
            let regex = try NSRegularExpression(pattern: "^" + segments.map(Self.regex(of:)).joined() + "$")
            for _ in 0..<40 {
                let path =
                    Int.random(in: 0..<20, using: &random) == 0
                    ? ""
                    : (0..<Int.random(in: 1...5, using: &random)).map { _ in "/" + Self.randomText(from: "ab", upTo: 4, using: &random) }.joined()
                // An empty path (`http://host` with nothing after it) is the path `/`.
                let asked = path.isEmpty ? "/" : path
                let expected = regex.firstMatch(in: asked, range: NSRange(asked.startIndex..., in: asked)) != nil
                #expect(pattern.matches(path) == expected, "\(text) against \(path)")
                compared += 1
                if expected { matched += 1 }
            }
        }
        #expect(compared == 16_000)
        #expect(matched > 1_000)
    }

    /// Patterns whose naive matching takes exponential or high polynomial time on a long path
    /// that almost matches: each answer comes back (the test would not end otherwise), and right.
    @Test func craftedPathsCannotMakeMatchingExplode() {
        let longPart = "/" + String(repeating: "a", count: 20_000)
        #expect(!URLPattern("/*.*")!.matches(longPart))
        #expect(!URLPattern("/*a*a*a*a*a*a*b")!.matches(longPart))
        #expect(URLPattern("/*a*a*a*a*a*a*")!.matches(longPart))
        let manyParts = String(repeating: "/a", count: 10_000)
        #expect(!URLPattern("/**/a/**/a/**/a/**/b")!.matches(manyParts))
        #expect(URLPattern("/**/a/**/a/**/a/**")!.matches(manyParts))
        #expect(!URLPattern("/**/*a*/**/*a*/**/b")!.matches(manyParts))
        #expect(URLPattern("/**/**/**/a")!.matches(manyParts))
    }

    private static func randomText(from alphabet: String, upTo length: Int, using random: inout SeededRandom) -> String {
        let letters = Array(alphabet)
        return String((0..<Int.random(in: 0...length, using: &random)).map { _ in letters[Int.random(in: 0..<letters.count, using: &random)] })
    }

    private static func regex(of segment: String) -> String {
        segment == "**" ? "(/[^/]*)*" : "/" + segment.replacingOccurrences(of: "*", with: "[^/]*")
    }
}
