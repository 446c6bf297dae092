import WeirCore

/// The words generated traffic is made of: sites sections, agents, referrers, attack probes.
enum Vocabulary {
    /// Content types, which decide the size of a response.
    enum Content: Sendable { case html, json, image, script, style, icon, text }

    struct Section: Sendable {
        let name: String
        let content: Content
        /// How many distinct paths the section has.
        let pathCount: Int
        let makePath: @Sendable (inout SeededRandom, Int) -> String
    }

    static let words = [
        "alpha", "river", "weir", "flow", "report", "cloud", "summer", "market", "garden", "network",
        "pricing", "login", "about", "careers", "release", "notes", "kitchen", "travel", "design", "metrics",
        "python", "swift", "docker", "nginx", "linux", "backup", "storage", "mobile", "payments", "search",
    ]

    static func word(_ rng: inout SeededRandom) -> String { words[rng.below(words.count)] }

    /// Sections in decreasing popularity (drawn Zipf-like).
    static let sections: [Section] = [
        Section(name: "/images", content: .image, pathCount: 300) { r, i in "/images/\(word(&r))-\(i).\(i % 3 == 0 ? "png" : "jpg")" },
        Section(name: "/static", content: .script, pathCount: 40) { r, i in
            i % 2 == 0
                ? "/static/js/app.\(String(r.next() % 0xFFFFFF, radix: 16)).js" : "/static/css/site.\(String(r.next() % 0xFFFFFF, radix: 16)).css"
        },
        Section(name: "/", content: .html, pathCount: 1) { _, _ in "/" },
        Section(name: "/api", content: .json, pathCount: 400) { r, i in
            switch i % 4 {
            case 0: "/api/users/\(1000 + i)"
            case 1: "/api/orders/\(50_000 + i * 7)"
            case 2: "/api/search?q=\(word(&r))"
            default: "/api/v2/\(word(&r))/\(i)"
            }
        },
        Section(name: "/blog", content: .html, pathCount: 150) { r, i in "/blog/\(2015 + i % 11)/\(word(&r))-\(word(&r))" },
        Section(name: "/products", content: .html, pathCount: 250) { _, i in "/products/\(i + 1)" },
        Section(name: "/favicon.ico", content: .icon, pathCount: 1) { _, _ in "/favicon.ico" },
        Section(name: "/search", content: .html, pathCount: 120) { r, _ in "/search?q=\(word(&r))+\(word(&r))" },
        Section(name: "/docs", content: .html, pathCount: 80) { r, _ in "/docs/\(word(&r))/\(word(&r)).html" },
        Section(name: "/account", content: .html, pathCount: 4) { _, i in
            ["/account/login", "/account/settings", "/account/orders", "/account/logout"][i]
        },
        Section(name: "/robots.txt", content: .text, pathCount: 1) { _, _ in "/robots.txt" },
    ]

    /// User agents: browsers first, then crawlers and tools.
    static let agents = [
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
        "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
        "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
        "curl/8.5.0",
        "python-requests/2.32.3",
        "Go-http-client/1.1",
        "Prometheus/2.53.0",
    ]

    static let searchReferrers = ["https://www.google.com/", "https://www.bing.com/", "https://duckduckgo.com/", "https://search.yahoo.com/"]
    static let socialReferrers = ["https://t.co/x9Kd2pQ", "https://www.reddit.com/r/sysadmin/", "https://news.ycombinator.com/"]
    static let users = ["alice", "bob", "carol", "dave", "erin"]

    /// What a vulnerability scanner asks for.
    static let probes = [
        "/wp-login.php", "/.env", "/.git/config", "/admin/config.php", "/phpmyadmin/index.php",
        "/cgi-bin/luci", "/vendor/phpunit/phpunit/src/Util/PHP/eval-stdin.php", "/boaform/admin/formLogin",
        "/actuator/env", "/server-status", "/wp-content/plugins/", "/xmlrpc.php", "/.aws/credentials",
        "/HNAP1/", "/owa/auth/logon.aspx", "/config.json", "/backup.zip", "/api/v1/pods", "/solr/admin/info/system",
    ]
    static let scannerAgent = "Mozilla/5.0 zgrab/0.x"
    /// The attack's fixed actors (documentation ranges, so they never hit a real network).
    static let scannerClient = "198.51.100.23"
    static let floodClient = "203.0.113.77"
    static let badClients = ["192.0.2.10", "192.0.2.11", "192.0.2.12", "2001:db8:bad::1", "192.0.2.13"]
}
