import Foundation
import WeirCore
import WeirLog
import WeirModel

/// Turns an event into the HTTP request each kind of channel expects.
public struct MessageBuilder: Sendable {
    /// The service's address for links (`WEIR_PUBLIC_URL`), if known.
    public var publicURL: String?
    /// How long Alertmanager may keep a firing alert without hearing of it again; Weir re-sends
    /// open incidents well within it.
    public var alertLifetimeSeconds: Int64

    public init(publicURL: String? = nil, alertLifetimeSeconds: Int64 = 300) {
        self.publicURL = publicURL
        self.alertLifetimeSeconds = alertLifetimeSeconds
    }

    /// The request for `event` to `endpoint`, sent at `sentAt` with `deliveryID`.
    public func request(_ event: NotificationEvent, to endpoint: Endpoint, deliveryID: String, sentAt: Int64) -> OutgoingRequest {
        var headers = [("Content-Type", "application/json"), ("User-Agent", "weir/\(WeirVersion.current)")]
        let body: JSONValue
        var url = endpoint.url
        switch endpoint.kind {
        case .webhook:
            body = webhookBody(event, sentAt: sentAt)
            headers.append(("X-Weir-Delivery", deliveryID))
            headers.append(("X-Weir-Event", event.event))
            headers += endpoint.headers.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        case .slack:
            body = .object(["text": .string(slackText(event))])
        case .alertmanager:
            body = .array([alert(event, labels: endpoint.labels, sentAt: sentAt)])
            url = (url.hasSuffix("/") ? String(url.dropLast()) : url) + "/api/v2/alerts"
        }
        let bytes = Array((try? JSONCoding.encoder.encode(body)) ?? Data("{}".utf8))
        if endpoint.kind == .webhook, let secret = endpoint.secret {
            headers.append((WebhookSignature.header, WebhookSignature.sign(bytes, secret: secret)))
        }
        return OutgoingRequest(url: url, headers: headers, body: bytes)
    }

    /// `{"event","incident":{…},"task":{"id","name"},"sent_at"}`.
    func webhookBody(_ e: NotificationEvent, sentAt: Int64) -> JSONValue {
        var object: [String: JSONValue] = [
            "event": .string(e.event),
            "task": .object(["id": e.taskID.map { .number(Double($0)) } ?? .null, "name": .string(e.taskName)]),
            "sent_at": .string(Timestamps.rfc3339(sentAt)),
        ]
        object["incident"] = e.incident.map(incidentJSON) ?? .null
        return .object(object)
    }

    func incidentJSON(_ i: Incident) -> JSONValue {
        .object([
            "id": .number(Double(i.id)), "rule": .string(i.rule), "key": .string(i.key), "state": .string(i.state.rawValue),
            "opened_at": .string(Timestamps.rfc3339(i.openedAt)), "last_seen": .string(Timestamps.rfc3339(i.lastSeen)),
            "resolved_at": i.resolvedAt.map { .string(Timestamps.rfc3339($0)) } ?? .null,
            "peak": .number(Double(i.peak)), "findings": .number(Double(i.findings)), "summary": .string(i.summary),
            "url": link(i).map(JSONValue.string) ?? .null,
        ])
    }

    /// A Slack (or Mattermost, Rocket.Chat) message: what happened, where, when, a link.
    func slackText(_ e: NotificationEvent) -> String {
        guard let i = e.incident else { return "Weir \(e.event) for \(e.taskName)" }
        let headline = e.isResolution ? ":white_check_mark: Resolved" : ":rotating_light: Incident"
        var text = "\(headline) on task *\(e.taskName)* (\(i.rule)): \(i.summary)\n"
        text += "Since \(Timestamps.rfc3339(i.openedAt)), last seen \(Timestamps.rfc3339(i.lastSeen)), \(i.findings) finding(s)"
        if let resolved = i.resolvedAt, e.isResolution { text += ", resolved \(Timestamps.rfc3339(resolved))" }
        if let url = link(i) { text += "\n<\(url)|Incident \(i.id)>" }
        return text
    }

    /// One Alertmanager alert: firing with an end a little ahead (re-sent while open), or ended now.
    func alert(_ e: NotificationEvent, labels extra: [String: String], sentAt: Int64) -> JSONValue {
        let rule = e.incident?.rule ?? "high_traffic"
        var labels: [String: String] = [
            "alertname": "weir_\(rule)", "task": e.taskName, "rule": rule, "key": e.incident?.key ?? "",
            "severity": rule == "black_ip_address" || rule == "average_requests_per_time_interval" ? "critical" : "warning",
        ]
        if let id = e.taskID { labels["task_id"] = "\(id)" }
        if e.event.hasPrefix("monitor.") { labels["file"] = e.taskName }
        labels.merge(extra) { $1 }
        let opened = min(e.incident?.openedAt ?? sentAt, sentAt)
        let ends = e.isResolution ? sentAt : sentAt + alertLifetimeSeconds
        var object: [String: JSONValue] = [
            "labels": .object(labels.mapValues(JSONValue.string)),
            "annotations": .object([
                "summary": .string(e.incident?.summary ?? e.event),
                "description": .string(e.incident.map { "\($0.findings) finding(s) since \(Timestamps.rfc3339($0.openedAt))" } ?? e.taskName),
            ]),
            "startsAt": .string(Timestamps.rfc3339(opened)),
            "endsAt": .string(Timestamps.rfc3339(ends)),
        ]
        if let i = e.incident, let url = link(i) { object["generatorURL"] = .string(url) }
        return .object(object)
    }

    func link(_ i: Incident) -> String? {
        publicURL.map { "\($0)/incidents/\(i.id)" }
    }
}
