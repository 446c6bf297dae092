import WeirCore

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
        if let known = crawlers.first(where: { ByteSearch.contains(lower, $0.token) }) { return known.name }
        let tokens = agent.split(whereSeparator: { " ;()+,".contains($0) })
        guard let token = tokens.first(where: { t in ["bot", "crawl", "spider"].contains { ByteSearch.contains(t.lowercased(), $0) } }) else {
            return nil
        }
        let name = token.split(separator: "/").first.map(String.init) ?? String(token)
        return name.hasPrefix("http") ? "Other crawlers" : name
    }

    static func browser(_ lower: String) -> String {
        if lower.isEmpty || lower == "-" { return "Unknown" }
        func has(_ token: String) -> Bool { ByteSearch.contains(lower, token) }
        let families: [(tokens: [String], name: String)] = [
            (["edg/", "edge/", "edga/", "edgios/"], "Edge"), (["opr/", "opera"], "Opera"), (["samsungbrowser/"], "Samsung Internet"),
            (["chromium/"], "Chromium"), (["chrome/", "crios/"], "Chrome"), (["firefox/", "fxios/"], "Firefox"),
            (["msie ", "trident/"], "Internet Explorer"),
        ]
        if let family = families.first(where: { $0.tokens.contains { has($0) } }) { return family.name }
        if has("safari/") && (has("version/") || has("mobile/")) { return "Safari" }
        if feeds.contains(where: { has($0) }) { return "Feeds" }
        if libraries.contains(where: { lower.hasPrefix($0) || has(" " + $0) }) { return "HTTP libraries" }
        return "Others"
    }

    static func operatingSystem(_ lower: String) -> String {
        func has(_ token: String) -> Bool { ByteSearch.contains(lower, token) }
        if has("windows phone") { return "Windows Phone" }
        if let after = ByteSearch.offset(after: "windows nt ", in: lower) {
            let version = lower.utf8.dropFirst(after).prefix { (48...57).contains($0) || $0 == UInt8(ascii: ".") }
            let names = ["10.0": "Windows 10/11", "6.3": "Windows 8.1", "6.2": "Windows 8", "6.1": "Windows 7", "6.0": "Windows Vista"]
            let text = String(decoding: version, as: UTF8.self)
            return names[text] ?? (text.hasPrefix("5.") ? "Windows XP" : "Windows")
        }
        if has("windows") { return "Windows" }
        if has("android") { return "Android" }
        if has("iphone") || has("ipad") || has("ipod") { return "iOS" }
        if has("mac os x") || has("macintosh") { return "macOS" }
        if has("cros ") { return "Chrome OS" }
        if has("linux") || has("x11") { return "Linux" }
        if has("bsd") { return "BSD" }
        return "Unknown"
    }
}
