import ArgumentParser
import Dispatch
import Foundation
import Synchronization
import WeirCore
import WeirLog
import WeirNotify
import WeirService
import WeirSources
import WeirTraffic

struct MonitorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "monitor",
        abstract: "Follows an access log live: stats every 10 s, an alert when the 2-minute average is too high.",
        discussion: """
            Times come from the log's own timestamps. Every --interval seconds (ticks on whole multiples \
            of it) a stats block covers the lines stamped in the last interval. After each block, when the \
            average over the last --window seconds goes above --threshold requests/s an alert is printed, \
            and when it goes back below, a recovery; both stay on screen. While the log is idle the clock \
            moves on with the wall time, so a quiet log recovers. Rotation, truncation and half-written \
            lines are handled like `tail -F`; malformed lines are counted, never fatal.

            Examples:
              weir monitor                    # follows /tmp/access.log, alerts > 10 req/s
              weir monitor -f /var/log/nginx/access.log -t 50 --json
              weir monitor -f old.log --replay -t 5     # the whole file at once, then exit
              weir monitor --syslog udp://127.0.0.1:5514  # what nginx sends with
                  # access_log syslog:server=127.0.0.1:5514,tag=nginx combined;
            """
    )

    @Option(name: .shortAndLong, help: ArgumentHelp("Access log to follow (`-` for standard input).", valueName: "FILE"))
    var file = "/tmp/access.log"

    @Option(
        help: ArgumentHelp(
            "Receive the log as syslog instead of reading a file: udp://HOST:PORT or tcp://HOST:PORT (RFC 3164 or 5424; over TCP, octet-counted or newline framing).",
            valueName: "ADDRESS"
        )
    )
    var syslog: String?

    @Option(
        help: ArgumentHelp(
            "Serve Prometheus metrics of the traffic read (weir serve's weir_traffic_* families, task=the log) at http://HOST:PORT/metrics.",
            valueName: "HOST:PORT"
        )
    )
    var metricsListen: String?

    @Option(
        name: .customLong("metrics-route"),
        help: ArgumentHelp(
            "A route pattern for the route label of the exported metrics, as in accepted_urls (* within a segment, ** across); repeat it. A path none matches is other.",
            valueName: "PATTERN"
        )
    )
    var metricsRoutes: [String] = []

    @Option(
        help: ArgumentHelp(
            "The exported duration histogram's bucket bounds in seconds, comma-separated and increasing (default 0.005,…,10,30,60).",
            valueName: "SECONDS,…"
        )
    )
    var metricsBuckets: String?

    @Option(name: .shortAndLong, help: ArgumentHelp("Alert threshold in requests per second (a decimal number).", valueName: "THRESHOLD"))
    var threshold: Double = 10

    @Flag(name: .shortAndLong, help: "Longer stats blocks: full top lists and per-status codes.")
    var verbose = false

    @Flag(name: .shortAndLong, help: "Print alerts and recoveries only.")
    var quiet = false

    @Flag(help: "One JSON object per line instead of text.")
    var json = false

    @Flag(help: "Read the file from its first byte, then keep following it.")
    var fromStart = false

    @Flag(help: "Read the file from its first byte to its end as fast as possible, then exit.")
    var replay = false

    @Option(help: ArgumentHelp("Seconds between two stats blocks.", valueName: "SECONDS"))
    var interval: Int = 10

    @Option(help: ArgumentHelp("Seconds the alert average is taken over.", valueName: "SECONDS"))
    var window: Int = 120

    @Option(help: ArgumentHelp("Stop after this many seconds of wall time.", valueName: "SECONDS"))
    var duration: Double?

    @Option(help: ArgumentHelp("auto, or any format `weir analyze --help` lists.", valueName: "FORMAT"))
    var format = "auto"

    @Option(
        help: ArgumentHelp(
            "POST each alert and recovery as JSON to this URL (repeatable), as `weir serve`'s webhook channels do, with retries.",
            valueName: "URL"
        )
    )
    var webhook: [String] = []

    @Option(help: ArgumentHelp("Sign --webhook bodies: X-Weir-Signature, HMAC-SHA256 keyed by this secret.", valueName: "SECRET"))
    var webhookSecret: String?

    @Option(
        help: ArgumentHelp(
            "Send each alert to this Alertmanager (its base URL; repeatable) as alertname=weir_high_traffic, resolved on recovery.",
            valueName: "URL"
        )
    )
    var alertmanager: [String] = []

    func validate() throws {
        guard threshold >= 0, threshold.isFinite else {
            throw ValidationError("-t must be a number of requests per second, 0 or more, got \(threshold)")
        }
        guard interval > 0 else { throw ValidationError("--interval must be a positive number of seconds, got \(interval)") }
        guard window > 0 else { throw ValidationError("--window must be a positive number of seconds, got \(window)") }
        if let duration, !(duration > 0) { throw ValidationError("--duration must be a positive number of seconds, got \(duration)") }
        if fromStart && replay { throw ValidationError("--from-start and --replay cannot be used together") }
        if let metricsListen, Self.hostAndPort(metricsListen) == nil {
            throw ValidationError("--metrics-listen must be HOST:PORT with a port from 1 to 65535, such as 127.0.0.1:9145, got \(metricsListen)")
        }
        if (!metricsRoutes.isEmpty || metricsBuckets != nil) && metricsListen == nil {
            throw ValidationError("--metrics-route and --metrics-buckets shape what --metrics-listen serves; give --metrics-listen HOST:PORT too")
        }
        _ = try trafficMetrics()
        if let syslog {
            do { _ = try SyslogAddress(syslog) } catch { throw ValidationError("--syslog \(error.description)") }
            if fromStart || replay { throw ValidationError("--syslog receives live; --from-start and --replay read a file") }
        }
        if quiet && verbose { throw ValidationError("-q and -v cannot be used together") }
        for url in webhook { if let problem = EndpointURL.problem(url, kind: .webhook) { throw ValidationError("--webhook \(problem)") } }
        for url in alertmanager {
            if let problem = EndpointURL.problem(url, kind: .alertmanager) { throw ValidationError("--alertmanager \(problem)") }
        }
        if webhookSecret != nil && webhook.isEmpty { throw ValidationError("--webhook-secret signs --webhook bodies; give --webhook URL too") }
    }

    /// Where alerts go besides the screen.
    var endpoints: [Endpoint] {
        webhook.map { Endpoint(kind: .webhook, url: $0, secret: webhookSecret) } + alertmanager.map { Endpoint(kind: .alertmanager, url: $0) }
    }

    func run() async throws {
        let address = try syslog.map { try SyslogAddress($0) }
        var options = LiveMonitor.Options(path: address?.description ?? file, format: try LogFormat.chosen(format))
        options.fromStart = fromStart
        options.replay = replay
        options.duration = duration
        options.trafficMetrics = try trafficMetrics()
        let inbox = SyslogInbox()
        if address != nil { options.feed = inbox }
        let style: MonitorOutput.Style = json ? .json : quiet ? .quiet : verbose ? .verbose : .text
        let monitor = LiveMonitor(
            options: options,
            configuration: .init(threshold: threshold, interval: Int64(interval), window: Int64(window), top: verbose ? 10 : 5),
            output: MonitorOutput(style: style)
        )
        let warn: @Sendable (String) -> Void = { Console.err("weir: \($0)") }
        let forwarder = AlertForwarder(endpoints: endpoints, warn: warn)
        let (source, notifies) = (options.path, !endpoints.isEmpty)
        let exporter = metricsListen.flatMap(Self.hostAndPort).map { (MonitorMetrics(source: source), $0) }
        try await SyslogListener.receiving(on: address, keepsHost: false, into: inbox, warn: warn) {
            try await Self.exporting(exporter) {
                try await TerminationSignals.withStopSignal { stop in
                    var environment = LiveMonitor.Environment.console(stop: stop)
                    if notifies { environment.notify = { event in NotificationEvent(monitor: event, file: source).map(forwarder.forward) } }
                    if let metrics = exporter?.0 { environment.publishTraffic = { metrics.publish($0) } }
                    try await forwarder.delivering(finishingWithin: 5) { try await monitor.run(environment) }
                }
            }
        }
    }

    /// `--metrics-route` and `--metrics-buckets`, validated as a task's `routes` and
    /// `duration_buckets` are.
    func trafficMetrics() throws -> TrafficMetricsOptions {
        let flags = TrafficMetricsOptions.fromFlags(
            routes: metricsRoutes,
            routeFlag: "--metrics-route",
            bucketList: metricsBuckets,
            bucketFlag: "--metrics-buckets"
        )
        return try flags.mapError { ValidationError($0.description) }.get()
    }

    /// `HOST:PORT` (`[::1]:9145` for IPv6), or `nil`.
    static func hostAndPort(_ text: String) -> (host: String, port: Int)? {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (1...65535).contains(port) else { return nil }
        var host = String(text[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        return host.isEmpty ? nil : (host, port)
    }

    /// Runs `body`, with `/metrics` served when `--metrics-listen` asks.
    static func exporting(_ exporter: (MonitorMetrics, (host: String, port: Int))?, _ body: () async throws -> Void) async throws {
        guard let (metrics, address) = exporter else { return try await body() }
        try await metrics.serving(host: address.host, port: address.port, body)
    }
}
