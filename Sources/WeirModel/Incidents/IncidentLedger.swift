import WeirCore
import WeirLog
import WeirRules

/// Groups one run's findings into its task's incidents, in memory, for ``SQLStore`` to write in
/// the run's transaction: a finding joins the open incident with its rule and key unless more
/// than the quiet time of log time passed since that incident's last evidence (then the old one
/// resolves and a new one opens); at the end, open incidents quiet for longer than that at the
/// run's latest log time resolve.
public struct IncidentLedger: Sendable {
    /// The task's incidents this run touched: those open before it, and those it opened.
    public private(set) var incidents: [Incident]
    /// Which of ``incidents`` were changed or are new (new ones have id 0).
    public private(set) var changed: Set<Int> = []
    /// Openings and resolutions, in the order they happened, as indexes into ``incidents``.
    public private(set) var changes: [(event: IncidentChange.Event, index: Int)] = []
    package let taskID: Int64
    package let quietSeconds: Int64
    /// The open incident of each (rule, key), as an index into ``incidents``.
    private var openIndex: [String: Int] = [:]

    /// Starts from the task's open incidents.
    public init(taskID: Int64, open: [Incident], quietSeconds: Int64) {
        self.taskID = taskID
        self.quietSeconds = quietSeconds
        incidents = open
        for (i, incident) in open.enumerated() { openIndex[Self.slot(incident.rule, incident.key)] = i }
    }

    /// What an incident of `finding` is about: its client, its feature, or nothing.
    public static func key(of finding: RuleFinding) -> String {
        finding.client ?? finding.anomaly?.feature ?? ""
    }

    /// Adds a finding (`isNew`: a finding of its own, not the extension of an earlier run's burst)
    /// and returns the index of its incident in ``incidents``.
    public mutating func record(_ finding: RuleFinding, isNew: Bool, at now: Int64) -> Int {
        let key = Self.key(of: finding)
        let slot = Self.slot(finding.rule, key)
        if let i = openIndex[slot] {
            if finding.first - incidents[i].lastSeen <= quietSeconds {
                extend(i, with: finding, isNew: isNew)
                return i
            }
            resolve(i, at: now)
        }
        let incident = Incident(
            taskID: taskID,
            rule: finding.rule,
            key: key,
            openedAt: finding.first,
            lastSeen: finding.last,
            peak: Self.peak(of: finding),
            findings: 1,
            summary: ""
        )
        incidents.append(incident)
        let i = incidents.count - 1
        incidents[i].summary = Self.summary(incidents[i], latest: finding)
        openIndex[slot] = i
        changed.insert(i)
        changes.append((.opened, i))
        return i
    }

    /// Seconds of log time a run's end waits beyond the quiet time before it resolves an
    /// incident: lines a little out of order that the next run reads may still extend it, as they
    /// would have had the runs been one.
    public static let latenessSeconds: Int64 = 60

    /// Resolves every open incident whose last evidence is more than the quiet time (and
    /// ``latenessSeconds``) before `logNow`, the latest log time the run read.
    public mutating func resolveQuiet(logNow: Int64, at now: Int64) {
        for i in openIndex.values.sorted() where logNow - incidents[i].lastSeen > quietSeconds + Self.latenessSeconds {
            resolve(i, at: now)
        }
    }

    /// Resolves every open incident (the task was deactivated).
    public mutating func resolveAll(at now: Int64) {
        for i in openIndex.values.sorted() { resolve(i, at: now) }
    }

    private mutating func extend(_ i: Int, with finding: RuleFinding, isNew: Bool) {
        incidents[i].lastSeen = max(incidents[i].lastSeen, finding.last)
        incidents[i].openedAt = min(incidents[i].openedAt, finding.first)
        incidents[i].peak = max(incidents[i].peak, Self.peak(of: finding))
        if isNew { incidents[i].findings += 1 }
        incidents[i].summary = Self.summary(incidents[i], latest: finding)
        changed.insert(i)
    }

    private mutating func resolve(_ i: Int, at now: Int64) {
        incidents[i].state = .resolved
        incidents[i].resolvedAt = now
        openIndex[Self.slot(incidents[i].rule, incidents[i].key)] = nil
        changed.insert(i)
        changes.append((.resolved, i))
    }

    private static func slot(_ rule: String, _ key: String) -> String { rule + "\u{0}" + key }

    /// A finding's count: an anomaly's score in thousandths (its severity), a rule's count.
    package static func peak(of finding: RuleFinding) -> Int64 {
        if let anomaly = finding.anomaly { return Int64(saturating: (anomaly.score * 1000).rounded()) }
        return Int64(finding.peak)
    }

    /// One sentence a person can act on, from the incident and its latest finding.
    package static func summary(_ incident: Incident, latest: RuleFinding) -> String {
        let since = "since \(Timestamps.rfc3339(incident.openedAt))"
        let example = latest.examples.first.map { ", e.g. \($0)" } ?? ""
        switch RuleName(rawValue: incident.rule) {
        case .averageRequestsPerClientPerTimeInterval:
            return "\(incident.key) made up to \(incident.peak) requests per \(latest.windowSeconds ?? 0) s "
                + "(limit \(latest.limit ?? 0)) \(since)\(example)"
        case .averageRequestsPerTimeInterval:
            return "the site received up to \(incident.peak) requests per \(latest.windowSeconds ?? 0) s "
                + "(limit \(latest.limit ?? 0)) \(since)"
        case .blackIPAddress:
            return "blacklisted client \(incident.key) has sent requests \(since) (up to \(incident.peak) in one run)\(example)"
        case .isHTTPRequestsAccepted:
            return "client \(incident.key) has made requests over plain HTTP \(since) (up to \(incident.peak) in one run)\(example)"
        case .acceptedURLs:
            return "client \(incident.key) has requested paths outside accepted_urls \(since) "
                + "(up to \(incident.peak) in one run)\(example)"
        case nil:
            guard let anomaly = latest.anomaly else { return latest.message }
            let score = DecimalText.trimmed(Double(incident.peak) / 1000, places: 3)
            return "\(anomaly.feature) is anomalous \(since) (score up to \(score)); latest: \(latest.message)"
        }
    }
}
