#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a user agent is, for the browsers, operating systems and crawlers panels of `weir
/// analyze`: a small classifier by product tokens, in the order that resolves the usual
/// impersonations (Edge and Opera say Chrome, Chrome says Safari, crawlers say anything).
public struct UserAgentClass: Sendable, Equatable {
    /// The browser family, or a category: `Crawlers`, `Feeds`, `HTTP libraries`, `Unknown`, `Others`.
    public var browser: String
    /// The operating system, `Crawlers` for a crawler, or `Unknown`.
    public var operatingSystem: String
    /// The crawler's name when the agent is one.
    public var crawler: String?

    /// Known crawlers: a token the agent contains, and the crawler's name.
    static let crawlers: [(token: String, name: String)] = [
        ("googlebot", "Googlebot"), ("bingbot", "Bingbot"), ("msnbot", "MSNBot"), ("slurp", "Yahoo! Slurp"),
        ("baiduspider", "Baiduspider"), ("yandex", "YandexBot"), ("duckduckbot", "DuckDuckBot"), ("archive.org_bot", "archive.org"),
        ("ia_archiver", "archive.org"), ("ahrefsbot", "AhrefsBot"), ("semrushbot", "SemrushBot"), ("mj12bot", "MJ12bot"),
        ("dotbot", "DotBot"), ("ezooms", "Ezooms"), ("facebookexternalhit", "Facebook"), ("twitterbot", "Twitterbot"),
        ("applebot", "Applebot"), ("petalbot", "PetalBot"), ("gptbot", "GPTBot"), ("claudebot", "ClaudeBot"),
        ("bytespider", "Bytespider"), ("sogou", "Sogou"), ("exabot", "Exabot"), ("seznambot", "SeznamBot"),
    ]
    static let feeds = [
        "feedparser", "tiny tiny rss", "feedburner", "feedly", "newsblur", "inoreader", "feedbin", "netnewswire", "rss", "feedfetcher",
    ]
    static let libraries = [
        "curl/", "wget/", "python-requests", "python-urllib", "go-http-client", "java/", "libwww-perl", "apache-httpclient",
        "okhttp", "ruby", "php/", "node-fetch", "axios", "chef client", "httpie", "powershell",
    ]

    /// Classifies one user agent string.
    public init(_ agent: String) {
        let lower = agent.lowercased()
        if let name = Self.crawlerName(agent, lower) {
            self.init(browser: "Crawlers", operatingSystem: "Crawlers", crawler: name)
            return
        }
        self.init(browser: Self.browser(lower), operatingSystem: Self.operatingSystem(lower), crawler: nil)
    }

    init(browser: String, operatingSystem: String, crawler: String?) {
        self.browser = browser
        self.operatingSystem = operatingSystem
        self.crawler = crawler
    }

    /// A known crawler's name, else the product token that says bot, crawler or spider.
    static func crawlerName(_ agent: String, _ lower: String) -> String? {
        if let known = crawlers.first(where: { has(lower, $0.token) }) { return known.name }
        let tokens = agent.split(whereSeparator: { " ;()+,".contains($0) })
        guard let token = tokens.first(where: { t in ["bot", "crawl", "spider"].contains { has(t.lowercased(), $0) } }) else { return nil }
        let name = token.split(separator: "/").first.map(String.init) ?? String(token)
        return name.hasPrefix("http") ? "Other crawlers" : name
    }

    static func browser(_ lower: String) -> String {
        if lower.isEmpty || lower == "-" { return "Unknown" }
        let families: [(tokens: [String], name: String)] = [
            (["edg/", "edge/", "edga/", "edgios/"], "Edge"), (["opr/", "opera"], "Opera"), (["samsungbrowser/"], "Samsung Internet"),
            (["chromium/"], "Chromium"), (["chrome/", "crios/"], "Chrome"), (["firefox/", "fxios/"], "Firefox"),
            (["msie ", "trident/"], "Internet Explorer"),
        ]
        if let family = families.first(where: { $0.tokens.contains { has(lower, $0) } }) { return family.name }
        if has(lower, "safari/") && (has(lower, "version/") || has(lower, "mobile/")) { return "Safari" }
        if feeds.contains(where: { has(lower, $0) }) { return "Feeds" }
        if libraries.contains(where: { lower.hasPrefix($0) || has(lower, " " + $0) }) { return "HTTP libraries" }
        return "Others"
    }

    static func operatingSystem(_ lower: String) -> String {
        if has(lower, "windows phone") { return "Windows Phone" }
        if let after = offset(after: "windows nt ", in: lower) {
            let version = lower.utf8.dropFirst(after).prefix { (48...57).contains($0) || $0 == UInt8(ascii: ".") }
            let names = ["10.0": "Windows 10/11", "6.3": "Windows 8.1", "6.2": "Windows 8", "6.1": "Windows 7", "6.0": "Windows Vista"]
            let text = String(decoding: version, as: UTF8.self)
            return names[text] ?? (text.hasPrefix("5.") ? "Windows XP" : "Windows")
        }
        if has(lower, "windows") { return "Windows" }
        if has(lower, "android") { return "Android" }
        if has(lower, "iphone") || has(lower, "ipad") || has(lower, "ipod") { return "iOS" }
        if has(lower, "mac os x") || has(lower, "macintosh") { return "macOS" }
        if has(lower, "cros ") { return "Chrome OS" }
        if has(lower, "linux") || has(lower, "x11") { return "Linux" }
        if has(lower, "bsd") { return "BSD" }
        return "Unknown"
    }

    /// Whether `needle` occurs in `hay`, on their UTF-8 bytes (`memchr`, `memcmp`): Foundation's
    /// `contains`, which goes through UTF-16, cost most of the panels' time on the real sample.
    static func has(_ hay: String, _ needle: String) -> Bool {
        offset(after: needle, in: hay) != nil
    }

    /// The byte offset just past the first `needle` in `hay`, or `nil` when it does not occur.
    static func offset(after needle: String, in hay: String) -> Int? {
        var hay = hay
        var needle = needle
        return hay.withUTF8 { h in
            needle.withUTF8 { n -> Int? in
                guard !n.isEmpty else { return 0 }
                guard let hb = h.baseAddress, let nb = n.baseAddress, n.count <= h.count else { return nil }
                let last = h.count - n.count
                var start = 0
                while start <= last, let hit = memchr(hb + start, Int32(nb[0]), last - start + 1) {
                    let at = UnsafeRawPointer(hb).distance(to: UnsafeRawPointer(hit))
                    if memcmp(hb + at, nb, n.count) == 0 { return at + n.count }
                    start = at + 1
                }
                return nil
            }
        }
    }
}
