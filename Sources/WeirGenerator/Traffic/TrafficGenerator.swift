import WeirCore
import WeirLog

/// Makes realistic access-log lines, deterministically from a seed.
///
/// A few heavy clients among many light ones (Zipf over 2,000 clients, 8 % of them IPv6, each
/// with its own agent), sections and paths drawn Zipf-like, methods and statuses mixed as on a
/// real site, sizes per content type (log-normal), referrers from the site, search engines and
/// social sites. Attack phases (``TrafficProfile``) add a scanner, a flood and a few bad IPs.
public struct TrafficGenerator: Sendable {
    /// The line layouts the generator writes.
    public enum Format: String, CaseIterable, Sendable {
        case combined, common
    }

    public let format: Format
    public let profile: TrafficProfile
    /// Seconds east of UTC written in the timestamps.
    public let utcOffset: Int
    private var rng: SeededRandom
    private let clients: [String]
    private let clientAgents: [Int]
    private let clientZipf: ZipfTable
    private let sectionZipf: ZipfTable
    private let sectionPaths: [[String]]
    private let pathZipfs: [ZipfTable]
    private var cachedSecond = Int64.min
    private var cachedTime: [UInt8] = []

    /// Number of distinct regular clients.
    public static let clientCount = 2000

    /// Creates a generator; the same arguments always give the same lines.
    public init(format: Format = .combined, profile: TrafficProfile = .steady, seed: UInt64, utcOffset: Int = 0) {
        self.format = format
        self.profile = profile
        self.utcOffset = utcOffset
        var setup = SeededRandom(seed: seed ^ 0x5EED_CAFE)
        var clients: [String] = []
        var agents: [Int] = []
        for _ in 0..<Self.clientCount {
            clients.append(Self.address(&setup))
            // Browsers for most clients; crawlers and tools for about one in seven.
            let roll = setup.unit()
            agents.append(roll < 0.86 ? setup.below(8) : 8 + setup.below(Vocabulary.agents.count - 8))
        }
        self.clients = clients
        self.clientAgents = agents
        clientZipf = ZipfTable(count: Self.clientCount, exponent: 0.9)
        sectionZipf = ZipfTable(count: Vocabulary.sections.count, exponent: 1.0)
        sectionPaths = Vocabulary.sections.map { section in (0..<section.pathCount).map { section.makePath(&setup, $0) } }
        pathZipfs = Vocabulary.sections.map { ZipfTable(count: $0.pathCount, exponent: 1.1) }
        rng = SeededRandom(seed: seed)
    }

    static func address(_ r: inout SeededRandom) -> String {
        if r.unit() < 0.08 {
            return
                "2a02:\(String(0x1000 + r.below(0xE000), radix: 16)):\(String(r.below(0xFFFF), radix: 16)):\(String(r.below(0xFFFF), radix: 16))::\(String(1 + r.below(0xFFF), radix: 16))"
        }
        let first = [23, 31, 45, 66, 78, 81, 89, 91, 104, 109, 151, 176, 185, 188, 212, 213][r.below(16)]
        return "\(first).\(r.below(256)).\(r.below(256)).\(1 + r.below(254))"
    }

    /// How many lines to write for second `t` (seconds since the start) at base rate `rate`,
    /// with `carry` holding the fractional part between seconds.
    /// `span` is the length in seconds of the stretch asked about (1 in fast mode, the write
    /// interval in live mode).
    public mutating func linesDue(second t: Int64, rate: Double, span: Double = 1, carry: inout Double) -> Int {
        var r = rate * profile.baseMultiplier(at: t) * (0.9 + 0.2 * rng.unit())
        if profile.attacking(at: t) { r += rate * 2 }
        carry += r * span
        let n = Int(carry)
        carry -= Double(n)
        return n
    }

    /// Appends one line (with `\n`) stamped `timestamp`, `t` seconds after the start of the run.
    public mutating func appendLine(timestamp: Int64, elapsed t: Int64, to out: inout [UInt8]) {
        if profile.attacking(at: t), rng.unit() < 2.0 / 3.0 {
            appendAttackLine(timestamp, to: &out)
        } else {
            appendRegularLine(timestamp, to: &out)
        }
    }

    private mutating func appendRegularLine(_ timestamp: Int64, to out: inout [UInt8]) {
        let c = clientZipf.draw(&rng)
        let s = sectionZipf.draw(&rng)
        let section = Vocabulary.sections[s]
        let path = sectionPaths[s][pathZipfs[s].draw(&rng)]
        let method = method(section)
        let status = status(section, method)
        let size = size(section.content, status)
        let user = section.name == "/account" && rng.unit() < 0.4 ? Vocabulary.users[rng.below(Vocabulary.users.count)] : "-"
        let proto = rng.unit() < 0.7 ? "HTTP/1.1" : rng.unit() < 0.95 ? "HTTP/2.0" : "HTTP/1.0"
        append(
            client: clients[c],
            user: user,
            timestamp,
            method,
            path,
            proto,
            status,
            size,
            referrer: referrer(),
            agent: Vocabulary.agents[clientAgents[c]],
            to: &out
        )
    }

    private mutating func appendAttackLine(_ timestamp: Int64, to out: inout [UInt8]) {
        let roll = rng.unit()
        if roll < 0.45 {
            let probe = Vocabulary.probes[rng.below(Vocabulary.probes.count)]
            let path = rng.unit() < 0.5 ? probe : "/\(Vocabulary.word(&rng))-\(rng.below(10_000)).php"
            append(
                client: Vocabulary.scannerClient,
                user: "-",
                timestamp,
                "GET",
                path,
                "HTTP/1.1",
                rng.unit() < 0.9 ? 404 : 403,
                150 + rng.below(300),
                referrer: "-",
                agent: Vocabulary.scannerAgent,
                to: &out
            )
        } else if roll < 0.9 {
            append(
                client: Vocabulary.floodClient,
                user: "-",
                timestamp,
                "POST",
                "/account/login",
                "HTTP/1.1",
                rng.unit() < 0.8 ? 401 : 429,
                120 + rng.below(80),
                referrer: "-",
                agent: Vocabulary.agents[11],
                to: &out
            )
        } else {
            let client = Vocabulary.badClients[rng.below(Vocabulary.badClients.count)]
            append(
                client: client,
                user: "-",
                timestamp,
                "GET",
                "/",
                "HTTP/1.1",
                200,
                size(.html, 200),
                referrer: "-",
                agent: Vocabulary.agents[12],
                to: &out
            )
        }
    }

    private mutating func method(_ section: Vocabulary.Section) -> String {
        let u = rng.unit()
        switch section.name {
        case "/api": return u < 0.7 ? "GET" : u < 0.9 ? "POST" : u < 0.96 ? "PUT" : "DELETE"
        case "/account": return u < 0.6 ? "GET" : "POST"
        default: return u < 0.985 ? "GET" : u < 0.995 ? "HEAD" : "OPTIONS"
        }
    }

    private mutating func status(_ section: Vocabulary.Section, _ method: String) -> Int {
        let u = rng.unit()
        if u < 0.028 { return 404 }
        if u < 0.034 { return 500 }
        if u < 0.036 { return 503 }
        if u < 0.039 { return 403 }
        if u < 0.055 { return rng.unit() < 0.7 ? 301 : 302 }
        switch section.content {
        case .image, .script, .style, .icon: return u < 0.16 ? 304 : (u < 0.165 ? 206 : 200)
        case .json: return method == "POST" ? (u < 0.6 ? 201 : 200) : (u < 0.07 ? 400 : 200)
        default: return section.name == "/account" && method == "POST" && u < 0.15 ? 401 : 200
        }
    }

    private mutating func size(_ content: Vocabulary.Content, _ status: Int) -> Int {
        switch status {
        case 304: return 0
        case 301, 302: return 230 + rng.below(40)
        case 400...599: return 150 + rng.below(400)
        default: break
        }
        let v: Double
        switch content {
        case .html: v = rng.logNormal(median: 14_000, sigma: 0.6)
        case .json: v = rng.logNormal(median: 1_200, sigma: 0.9)
        case .image: v = rng.logNormal(median: 60_000, sigma: 0.9)
        case .script: v = rng.logNormal(median: 40_000, sigma: 0.7)
        case .style: v = rng.logNormal(median: 12_000, sigma: 0.5)
        case .icon: return 1150
        case .text: return 120
        }
        return max(20, Int(v))
    }

    private mutating func referrer() -> String {
        let u = rng.unit()
        if u < 0.35 { return "-" }
        if u < 0.8 {
            let pages = sectionPaths[rng.unit() < 0.5 ? 4 : 5]
            return "https://www.example.com" + pages[rng.below(min(20, pages.count))]
        }
        if u < 0.95 { return Vocabulary.searchReferrers[rng.below(Vocabulary.searchReferrers.count)] }
        return Vocabulary.socialReferrers[rng.below(Vocabulary.socialReferrers.count)]
    }

    private mutating func append(
        client: String,
        user: String,
        _ timestamp: Int64,
        _ method: String,
        _ path: String,
        _ proto: String,
        _ status: Int,
        _ size: Int,
        referrer: String,
        agent: String,
        to out: inout [UInt8]
    ) {
        out.append(contentsOf: client.utf8)
        out.append(contentsOf: " - ".utf8)
        out.append(contentsOf: user.utf8)
        out.append(contentsOf: " [".utf8)
        if timestamp != cachedSecond {
            cachedSecond = timestamp
            cachedTime.removeAll(keepingCapacity: true)
            Timestamps.appendCommonLogTime(timestamp, offset: utcOffset, to: &cachedTime)
        }
        out.append(contentsOf: cachedTime)
        out.append(contentsOf: "] \"".utf8)
        out.append(contentsOf: method.utf8)
        out.append(32)
        out.append(contentsOf: path.utf8)
        out.append(32)
        out.append(contentsOf: proto.utf8)
        out.append(contentsOf: "\" ".utf8)
        appendNumber(status, &out)
        out.append(32)
        if size == 0 { out.append(UInt8(ascii: "-")) } else { appendNumber(size, &out) }
        if format == .combined {
            out.append(contentsOf: " \"".utf8)
            out.append(contentsOf: referrer.utf8)
            out.append(contentsOf: "\" \"".utf8)
            out.append(contentsOf: agent.utf8)
            out.append(UInt8(ascii: "\""))
        }
        out.append(10)
    }

    private func appendNumber(_ value: Int, _ out: inout [UInt8]) {
        if value >= 10 { appendNumber(value / 10, &out) }
        out.append(UInt8(ascii: "0") + UInt8(value % 10))
    }
}
