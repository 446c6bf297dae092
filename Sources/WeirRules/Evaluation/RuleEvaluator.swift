import WeirCore
import WeirLog

/// Evaluates a task's rules over parsed records, one line at a time, on the line's bytes.
/// A value type, so that the hot path pays no dynamic exclusivity checks.
///
/// Rate rules count requests per second in sliding windows (overall, and per client with one
/// window per client and limit) and merge overlapping windows over the limit into one finding per
/// burst; the windows and open bursts carry over to the next run (``CarriedRuleState``), so where
/// a run ends changes nothing. List rules (blacklist, plain HTTP, accepted URLs) give one finding
/// per client per run (two where its requests are further apart than the task's incident quiet
/// time), with its request count, first and last time and a few example paths.
public struct RuleEvaluator {
    private let rules: TaskRules
    private var overall: [(window: SlidingWindow, tracker: BurstTracker)]
    /// Per client id `c` and client limit `j`, at index `c * clientRequestLimits.count + j`.
    private var clientWindows: [SlidingWindow] = []
    private var clientTrackers: [BurstTracker] = []
    private let clients = ByteKeyCounter(capacity: 1024)
    private var clientAddresses: [UInt8] = []  // per client id: 0 unknown, 1 listed, 2 not listed
    /// The `accepted_urls` patterns, each path's answer remembered; `nil` when the rule is not set.
    private let accepted: PathPatternIndex?
    private var linesWithoutScheme = 0
    /// Per list rule, the requests of each client id that broke it.
    private var groups: [RuleName: [Int: ClientGroup]] = [:]
    private var latestSeen = Int64.min
    /// Whether a rule looks at the client of every line (the list rules need it on a match only).
    private let countsEveryClient: Bool

    /// The latest request time seen, or `nil` before any.
    public var latest: Int64? { latestSeen == .min ? nil : latestSeen }
    private var findings: [RuleFinding] = []
    private var notes: [String] = []
    private var continued: Set<String> = []

    struct ClientGroup {
        var first: Int64
        var last: Int64
        var count: Int
        var examples: [String]

        /// Counts one more request; keeps up to five distinct targets as examples.
        mutating func note(_ t: Int64, _ line: UnsafeRawBufferPointer, _ target: ByteRange) {
            first = min(first, t)
            last = max(last, t)
            count += 1
            if examples.count < 5 {
                let bytes = line.slice(target)
                if !examples.contains(where: { $0.utf8.elementsEqual(bytes) }) { examples.append(String(decoding: bytes, as: UTF8.self)) }
            }
        }
    }

    /// The windows the run started from, kept when the run reads nothing.
    private let carriedIn: CarriedRuleState?
    /// A list rule's requests of one client more than this many seconds apart are two findings.
    private let listGap: Int64

    /// Prepares to evaluate `rules`, going on from the rate windows an earlier run left
    /// (`carried`, ignored when the limits changed since), and splitting a client's list-rule
    /// requests into two findings where they are more than `listGap` seconds apart.
    public init(rules: TaskRules, carried: CarriedRuleState? = nil, listGap: Int64 = .max) {
        self.rules = rules
        self.listGap = listGap
        accepted = rules.acceptedURLs.map(PathPatternIndex.init)
        countsEveryClient = !rules.clientRequestLimits.isEmpty || !rules.blacklist.isEmpty
        let usable = carried.flatMap { $0.limits == CarriedRuleState.limits(of: rules) ? $0 : nil }
        carriedIn = usable
        overall = rules.requestLimits.enumerated().map { i, limit in
            let state = usable.flatMap { i < $0.overall.count ? $0.overall[i] : nil } ?? WindowState()
            return (SlidingWindow(length: limit.seconds, state: state), BurstTracker(limit: limit, open: state.open, reported: state.reported))
        }
        for (client, states) in (usable?.clients ?? [:]).sorted(by: { $0.key < $1.key }) where states.count == rules.clientRequestLimits.count {
            let id = Array(client.utf8).withUnsafeBytes { clients.add($0) }
            guard id * rules.clientRequestLimits.count == clientWindows.count else { continue }
            for (limit, state) in zip(rules.clientRequestLimits, states) {
                clientWindows.append(SlidingWindow(length: limit.seconds, state: state))
                clientTrackers.append(BurstTracker(limit: limit, open: state.open, reported: state.reported))
            }
        }
    }

    /// Evaluates one parsed line; `line` is the bytes `parsed` refers to. Returns the dense id
    /// of the line's client when the rules hash the client of every line (a per-client limit or
    /// a blacklist), and `nil` for every line otherwise, so that a caller measuring clients too
    /// can reuse it instead of hashing the client again.
    @discardableResult
    public mutating func add(_ parsed: ParsedLine, line: UnsafeRawBufferPointer) -> Int? {
        let t = parsed.timestamp
        if t > latestSeen { latestSeen = t }
        for i in overall.indices {
            guard let (count, oldest) = overall[i].window.add(t) else { continue }
            if let ended = overall[i].tracker.observe(count: count, oldest: oldest, at: t) {
                findings.append(rateFinding(ended, overall[i].tracker.limit, client: nil))
            }
        }
        let clientBytes = line.slice(parsed.client)
        // The client is hashed on every line only for the rules that need it there.
        let clientID = countsEveryClient ? clients.add(clientBytes) : -1
        if !rules.clientRequestLimits.isEmpty { countClient(clientID, at: t) }
        if !rules.blacklist.isEmpty, isListed(clientID, clientBytes) {
            group(.blackIPAddress, clientID, t, line, parsed.target)
        }
        if rules.httpAccepted == false, isPlainHTTP(parsed, line) {
            group(.isHTTPRequestsAccepted, clientID >= 0 ? clientID : clients.add(clientBytes), t, line, parsed.target)
        }
        if rules.acceptedURLs != nil, !isAccepted(parsed, line) {
            group(.acceptedURLs, clientID >= 0 ? clientID : clients.add(clientBytes), t, line, parsed.target)
        }
        return countsEveryClient ? clientID : nil
    }

    /// The dense id ``add(_:line:)`` returns for the client `name`, or `nil` when it returns none
    /// (the rules do not hash every line's client): for a caller that carries per-client state
    /// of its own across runs.
    public func clientID(named name: String) -> Int? {
        guard countsEveryClient else { return nil }
        return Array(name.utf8).withUnsafeBytes { clients.add($0, 0) }
    }

    /// Whether ``add(_:line:)`` returns the client's dense id for every line.
    public var givesClientIDs: Bool { countsEveryClient }

    /// The client of a dense id that ``add(_:line:)`` or ``clientID(named:)`` returned.
    public func clientName(id: Int) -> String {
        clients.key(id: id)
    }

    /// Ends the open bursts and returns every finding, in time order.
    public mutating func finish() -> RuleOutcome {
        for i in overall.indices {
            if let b = overall[i].tracker.finish() { findings.append(rateFinding(b, overall[i].tracker.limit, client: nil)) }
        }
        let perClient = rules.clientRequestLimits.count
        for i in clientTrackers.indices {
            if let b = clientTrackers[i].finish() {
                findings.append(rateFinding(b, clientTrackers[i].limit, client: clients.key(id: i / perClient)))
            }
        }
        if linesWithoutScheme > 0 {
            notes.append(
                "\(RuleName.isHTTPRequestsAccepted.rawValue) could not apply to \(linesWithoutScheme) lines: their format has no scheme or port field, so plain HTTP cannot be told from HTTPS"
            )
        }
        for (rule, byClient) in groups {
            for (client, g) in byClient { findings.append(listFinding(rule, clients.key(id: client), g)) }
        }
        findings.sort { ($0.first, $0.rule, $0.client ?? "") < ($1.first, $1.rule, $1.client ?? "") }
        return RuleOutcome(findings: findings, notes: notes, carried: carriedOut(), continued: continued)
    }

    /// The rate windows for the next run: those whose newest second, or whose open burst, is
    /// within two window lengths and ``CarriedRuleState/disorderSeconds`` of the latest request
    /// (a line that comes later cannot reach them, as long as lines are at most that much out of
    /// order; a download logged when it ends is), as they stand.
    private func carriedOut() -> CarriedRuleState? {
        guard latestSeen != .min else { return carriedIn }
        let latest = latestSeen
        func state(_ window: SlidingWindow, _ tracker: BurstTracker) -> WindowState {
            let reach = 2 * window.length + CarriedRuleState.disorderSeconds
            guard let newest = window.newest, latest - newest < reach else {
                return WindowState()
            }
            let (seconds, counts) = window.state
            let open = tracker.open.flatMap { latest - $0.last < reach ? $0 : nil }
            return WindowState(seconds: seconds, counts: counts, open: open, reported: open != nil && tracker.reported)
        }
        var carried = CarriedRuleState(limits: CarriedRuleState.limits(of: rules))
        carried.overall = overall.map { state($0.window, $0.tracker) }
        let perClient = rules.clientRequestLimits.count
        if perClient > 0 {
            for id in 0..<(clientWindows.count / perClient) {
                let states = (0..<perClient).map { state(clientWindows[id * perClient + $0], clientTrackers[id * perClient + $0]) }
                if states.contains(where: { !$0.isEmpty }) { carried.clients[clients.key(id: id)] = states }
            }
        }
        return carried
    }

    private mutating func countClient(_ id: Int, at t: Int64) {
        let limits = rules.clientRequestLimits
        let base = id * limits.count
        // Ids without lines yet (named by ``clientID(named:)``) get empty windows on the way.
        while base >= clientWindows.count {
            for limit in limits {
                clientWindows.append(SlidingWindow(length: limit.seconds))
                clientTrackers.append(BurstTracker(limit: limit))
            }
        }
        for i in base..<(base + limits.count) {
            guard let (count, oldest) = clientWindows[i].add(t) else { continue }
            if let ended = clientTrackers[i].observe(count: count, oldest: oldest, at: t) {
                findings.append(rateFinding(ended, clientTrackers[i].limit, client: clients.key(id: id)))
            }
        }
    }

    private mutating func isListed(_ id: Int, _ client: UnsafeRawBufferPointer) -> Bool {
        while clientAddresses.count <= id { clientAddresses.append(0) }
        if clientAddresses[id] == 0 {
            let listed = AddressRange.parse(client).map { address in rules.blacklist.contains { $0.contains(address.0) } } ?? false
            clientAddresses[id] = listed ? 1 : 2
        }
        return clientAddresses[id] == 1
    }

    private mutating func isPlainHTTP(_ parsed: ParsedLine, _ line: UnsafeRawBufferPointer) -> Bool {
        if parsed.fields.contains(.scheme) {
            let s = line.slice(parsed.scheme)
            return s.count == 4 && (s.elementsEqual("http".utf8) || s.elementsEqual("HTTP".utf8))
        }
        if parsed.fields.contains(.port) { return parsed.port == 80 }
        linesWithoutScheme += 1
        return false
    }

    private mutating func isAccepted(_ parsed: ParsedLine, _ line: UnsafeRawBufferPointer) -> Bool {
        guard let accepted, let path = RequestTarget.path(line, parsed.target) else { return false }
        return accepted.index(of: line.slice(path)) != 0
    }

    private mutating func group(_ rule: RuleName, _ client: Int, _ t: Int64, _ line: UnsafeRawBufferPointer, _ target: ByteRange) {
        if let open = groups[rule]?[client], t - open.last > listGap {  // a quiet gap: the earlier requests are one finding
            findings.append(listFinding(rule, clients.key(id: client), open))
            groups[rule]?[client] = nil
        }
        groups[rule, default: [:]][client, default: ClientGroup(first: t, last: t, count: 0, examples: [])].note(t, line, target)
    }

    private mutating func rateFinding(_ burst: Burst, _ limit: WindowLimit, client: String?) -> RuleFinding {
        let finding = RuleFinding.burst(client: client, first: burst.first, last: burst.last, peak: burst.peak, limit: limit)
        if burst.continued { continued.insert(finding.burstKey) }
        return finding
    }

    private func listFinding(_ rule: RuleName, _ client: String, _ g: ClientGroup) -> RuleFinding {
        let what: String
        switch rule {
        case .blackIPAddress: what = "blacklisted client \(client) made \(g.count) requests"
        case .isHTTPRequestsAccepted: what = "client \(client) made \(g.count) requests over plain HTTP"
        default: what = "client \(client) made \(g.count) requests to paths outside accepted_urls"
        }
        return RuleFinding(
            rule: rule.rawValue,
            client: client,
            first: g.first,
            last: g.last,
            peak: g.count,
            message: what,
            examples: g.examples
        )
    }
}
