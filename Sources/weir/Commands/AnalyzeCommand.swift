import ArgumentParser
import Foundation
import WeirCore
import WeirLog
import WeirRules
import WeirTraffic
import WeirWeb

struct AnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Reports on whole access logs: totals, status codes, top sections, paths and clients.",
        discussion: """
            Reads every FILE to its end (gzip files are recognised by content; `-` is standard input) \
            and prints one report over all of them. The format is detected from each file's first \
            lines unless --format is given. Malformed lines are counted and the first ones listed \
            with their line number and reason; they never stop the report.

            Examples:
              weir analyze /var/log/nginx/access.log /var/log/nginx/access.log.1.gz
              weir analyze access.log --from 2026-01-01T00:00:00Z --to 2026-01-02T00:00:00Z --top 20
              weir analyze huge.log --jobs 1        # one thread, e.g. beside other work
              zcat old.gz | weir analyze - --json | jq .status
              weir analyze app.log --format '$remote_addr [$time_local] "$request" $status $body_bytes_sent'
            """
    )

    @Argument(help: ArgumentHelp("Access logs to read (`-` for standard input, `.gz` accepted).", valueName: "FILE"))
    var files: [String]

    @Option(
        help: ArgumentHelp(
            """
            auto, combined, common, vhost_combined, vhost_common, vcombined, vcommon, json, \
            json:FIELD=KEY,…, caddy, aws-alb, aws-elb, s3, traefik, traefik-json, haproxy, cloudfront, w3c (IIS), an \
            Apache LogFormat string or an nginx log_format string. auto also recognises caddy, traefik-json, aws-alb, \
            aws-elb, s3, haproxy, and CloudFront and other W3C logs by their #Fields: line.
            """,
            valueName: "FORMAT"
        )
    )
    var format = "auto"

    @Flag(help: "Print one JSON object instead of text.")
    var json = false

    @Option(help: ArgumentHelp("Count only requests at or after this instant (RFC 3339, or YYYY-MM-DD HH:MM:SS in UTC).", valueName: "TIME"))
    var from: Instant?

    @Option(help: ArgumentHelp("Count only requests before this instant.", valueName: "TIME"))
    var to: Instant?

    @Option(help: "Length of the top lists.")
    var top = 10

    @Option(
        help: ArgumentHelp(
            """
            Count only the requests that match (repeatable; all must match): FIELD=VALUE, FIELD!=VALUE, \
            FIELD~TEXT (contains, any case), FIELD!~TEXT. Fields: status (404 or 5xx), vhost, method, \
            client (address or CIDR range), path (/api/** or /static/*.css; the query is not compared), \
            route (one of the --route patterns, or other: the requests counted under it), agent, referrer. \
            Example: --filter status=5xx --filter 'path=/api/**' --filter 'agent!~bot'
            """,
            valueName: "FILTER"
        )
    )
    var filter: [String] = []

    @Option(
        help: ArgumentHelp(
            """
            A route pattern, as in a task's routes and accepted_urls (* within a segment, ** across); \
            repeat it. The report gains a Routes panel: requests per route, each counted under the \
            first route its path matches, and under other when none does. Example: \
            --route '/api/users/*' --route '/static/**'
            """,
            valueName: "PATTERN"
        )
    )
    var route: [String] = []

    @Option(
        help: ArgumentHelp(
            """
            Threads to count with (default: every core). Each file is cut at line boundaries and its \
            parts counted at once; the report is the same as with --jobs 1. Standard input, pipes, \
            gzip files and files under 1 MiB are read by one thread.
            """,
            valueName: "N"
        )
    )
    var jobs: Int?

    @Option(
        help: ArgumentHelp(
            """
            Also write the report as one self-contained HTML file: its figures, requests, bytes and \
            status classes over time, and every panel; readable offline, nothing fetched.
            """,
            valueName: "OUT.html"
        )
    )
    var html: String?

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("give at least one FILE to analyze (or - for standard input)") }
        guard top > 0 else { throw ValidationError("--top must be a positive number, got \(top)") }
        if let from, let to, from.seconds >= to.seconds { throw ValidationError("--from must be before --to") }
        if let jobs, !(1...1024).contains(jobs) { throw ValidationError("--jobs must be between 1 and 1024, got \(jobs)") }
        var filters: [RequestFilter] = []
        for text in filter {
            do { filters.append(try RequestFilter(text)) } catch { throw ValidationError(error.description) }
        }
        if let unknown = RequestFilter.unknownRoute(in: filters, routes: try routes()) { throw ValidationError(unknown.description) }
    }

    /// The `--route` patterns, validated as a task's `routes` are.
    func routes() throws -> [URLPattern] {
        let flags = TrafficMetricsOptions.fromFlags(routes: route, routeFlag: "--route", bucketList: nil, bucketFlag: "")
        return try flags.mapError { ValidationError($0.description) }.get().routes
    }

    func run() throws {
        var options = Analyzer.Options(format: try LogFormat.chosen(format), from: from?.seconds, to: to?.seconds, top: top)
        options.timeline = html != nil
        options.filters = try filter.map { try RequestFilter($0) }
        options.routes = try routes()
        var analyzer = Analyzer(options: options)
        let jobs = self.jobs ?? ProcessInfo.processInfo.activeProcessorCount
        for file in files { try analyzer.add(path: file, jobs: jobs) }
        var report = analyzer.finish()
        if let html {
            let page = ReportRenderer().render(report, written: Timestamps.rfc3339(SystemClock().now()))
            do { try Data(page.utf8).write(to: URL(fileURLWithPath: html)) } catch {
                throw ValidationError("cannot write the HTML report to \(html): \(error.localizedDescription)")
            }
            report.timeline = nil
        }
        if json {
            FileHandle.standardOutput.write(try JSONCoding.snakeCaseEncoder.encode(report) + Data("\n".utf8))
        } else {
            print(report.renderText(), terminator: "")
        }
    }
}
