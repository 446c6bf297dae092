import Testing
import WeirModel
import WeirRules

@testable import WeirStore

/// How findings become incidents, in memory.
struct IncidentLedgerTests {
    func blacklisted(_ client: String, _ first: Int64, _ last: Int64, count: Int = 4) -> RuleFinding {
        RuleFinding(rule: "black_ip_address", client: client, first: first, last: last, peak: count, message: "m", examples: ["GET /x"])
    }

    @Test func findingsOfOneKeyJoinOneIncidentAndOtherKeysOpenTheirOwn() {
        var ledger = IncidentLedger(taskID: 1, open: [], quietSeconds: 600)
        let a = ledger.record(blacklisted("192.0.2.7", 100, 160), isNew: true, at: 5)
        let b = ledger.record(blacklisted("192.0.2.7", 400, 500, count: 9), isNew: true, at: 5)
        let c = ledger.record(blacklisted("192.0.2.8", 450, 460), isNew: true, at: 5)
        #expect(a == b && a != c)
        let incident = ledger.incidents[a]
        #expect(incident.openedAt == 100 && incident.lastSeen == 500 && incident.peak == 9 && incident.findings == 2)
        #expect(incident.key == "192.0.2.7" && incident.state == .open)
        #expect(incident.summary.contains("192.0.2.7") && incident.summary.contains("up to 9"), "\(incident.summary)")
        #expect(ledger.changes.map(\.event) == [.opened, .opened])
    }

    @Test func aQuietGapResolvesAndLaterEvidenceOpensANewIncident() {
        var ledger = IncidentLedger(taskID: 1, open: [], quietSeconds: 600)
        let first = ledger.record(blacklisted("192.0.2.7", 100, 200), isNew: true, at: 5)
        let second = ledger.record(blacklisted("192.0.2.7", 801, 900), isNew: true, at: 6)
        #expect(first != second)
        #expect(ledger.incidents[first].state == .resolved && ledger.incidents[first].resolvedAt == 6)
        #expect(ledger.changes.map(\.event) == [.opened, .resolved, .opened])
        // Exactly the quiet time (and the lateness allowed) is not yet quiet.
        ledger.resolveQuiet(logNow: 1560, at: 7)
        #expect(ledger.incidents[second].state == .open)
        ledger.resolveQuiet(logNow: 1561, at: 7)
        #expect(ledger.incidents[second].state == .resolved)
    }

    @Test func anExtendedBurstDoesNotCountAsAnotherFinding() {
        let open = Incident(
            id: 4,
            taskID: 1,
            rule: "average_requests_per_time_interval",
            key: "",
            openedAt: 0,
            lastSeen: 50,
            peak: 10,
            findings: 1,
            summary: ""
        )
        var ledger = IncidentLedger(taskID: 1, open: [open], quietSeconds: 600)
        let burst = RuleFinding.burst(client: nil, first: 0, last: 90, peak: 30, limit: WindowLimit(seconds: 10, max: 5))
        let i = ledger.record(burst, isNew: false, at: 5)
        #expect(ledger.incidents[i].id == 4 && ledger.incidents[i].findings == 1 && ledger.incidents[i].peak == 30)
        #expect(ledger.changes.isEmpty, "extending an open incident tells no one")
        #expect(ledger.incidents[i].summary == "the site received up to 30 requests per 10 s (limit 5) since 1970-01-01T00:00:00Z")
    }
}
