extension LogFormat {
    /// Formats of load balancers, proxies and object stores, by name, written from the vendors'
    /// published field lists. `{kind}` is a field, anything else a literal; fields after the last
    /// one listed are accepted and not read.
    ///
    /// - `aws-elb`: Classic Load Balancer, `time elb client:port backend:port request_time
    ///   backend_time response_time elb_status backend_status received sent "request" "agent" …`;
    ///   the duration is the backend's processing time, as GoAccess reads it.
    /// - `aws-alb`: Application Load Balancer, the same after a `type` field (read as the scheme),
    ///   and with the `domain_name` field as the virtual host; `-1` times (no target) are absent.
    /// - `s3`: S3 server access logs, `owner bucket [time] remote_ip requester request_id
    ///   operation key "request" status error bytes_sent object_size total_time turnaround
    ///   "referer" "agent" …`; the duration is `total_time`, in milliseconds.
    /// - `traefik`: Traefik's common log format, Combined plus `count "router" "server" 12ms`.
    /// - `haproxy`: HAProxy's HTTP log (`option httplog`), with or without the syslog prefix:
    ///   `client:port [accept_date] frontend backend/server TR/Tw/Tc/Tr/Ta status bytes cookies
    ///   state conns queues {captured headers} "request"`; the duration is `Ta`, the accept date
    ///   is read as UTC (HAProxy writes no zone).
    /// - `ingress-nginx`: the Kubernetes ingress-nginx controller's default `upstreaminfo`
    ///   format, Combined plus `request_length request_time [proxy_upstream_name] …`; the
    ///   upstream's name (`namespace-service-port`) is read as the virtual host, so that each
    ///   service behind the ingress is a virtual host of the reports.
    public static let vendorTemplates: [(name: String, template: String)] = [
        (
            "aws-alb",
            #"{scheme} {timeISO} {ignored} {clientPort} {ignored} {ignored} {durationSeconds} {ignored} {status} {ignored} {ignored} {bytes} "{request}" "{userAgent}" {ignored} {ignored} {ignored} "{ignored}" "{host}""#
        ),
        (
            "aws-elb",
            #"{timeISO} {ignored} {clientPort} {ignored} {ignored} {durationSeconds} {ignored} {status} {ignored} {ignored} {bytes} "{request}" "{userAgent}""#
        ),
        (
            "s3",
            #"{ignored} {ignored} [{timeLocal}] {client} {ignored} {ignored} {ignored} {ignored} "{request}" {status} {ignored} {bytes} {ignored} {durationMillis} {ignored} "{referrer}" "{userAgent}""#
        ),
        (
            "traefik",
            #"{client} {ident} {user} [{timeLocal}] "{request}" {status} {bytes} "{referrer}" "{userAgent}" {ignored} "{ignored}" "{ignored}" {durationMillis}ms"#
        ),
        (
            "ingress-nginx",
            #"{client} - {user} [{timeLocal}] "{request}" {status} {bytes} "{referrer}" "{userAgent}" {ignored} {durationSeconds} [{host}]"#
        ),
        (
            "haproxy",
            #"{clientPort} [{timeLocal}] {ignored} {ignored} {ignored}/{ignored}/{ignored}/{ignored}/{durationMillis} {status} {bytes} {ignored} {ignored} {ignored} {ignored} {ignored}"{request}""#
        ),
    ]

    /// The vendor format `name`, or `nil`.
    static func vendor(_ name: String) -> LogFormat? {
        guard let template = vendorTemplates.first(where: { $0.name == name })?.template else { return nil }
        var format = LogFormat(name: name, steps: steps(of: template), allowsTrailingFields: true)
        format.skipsSyslogPrefix = name == "haproxy"
        return format
    }

    /// The steps of a template: `{kind}` fields between literals.
    static func steps(of template: String) -> [FormatStep] {
        let kinds: [String: FieldKind] = [
            "client": .client, "clientPort": .clientWithPort, "ident": .ident, "user": .user, "referrer": .referrer, "userAgent": .userAgent,
            "scheme": .scheme,
            "host": .host, "timeLocal": .timeLocal, "timeISO": .timeISO, "request": .request, "status": .status, "bytes": .bytes,
            "durationSeconds": .durationSeconds, "durationMillis": .durationMillis, "ignored": .ignored,
        ]
        var steps: [FormatStep] = []
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            steps.append(.literal(Array(rest[..<open].utf8)))
            steps.append(.field(kinds[String(rest[rest.index(after: open)..<close])]!, quoted: false))
            rest = rest[rest.index(after: close)...]
        }
        steps.append(.literal(Array(rest.utf8)))
        return steps
    }
}
