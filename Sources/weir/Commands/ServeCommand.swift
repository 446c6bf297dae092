import ArgumentParser
import Foundation
import Logging
import WeirCore
import WeirModel
import WeirService
import WeirStore

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Runs the monitoring service: the HTTP API, the scheduler and the auto-check.",
        discussion: """
            Users register tasks over the API (POST /tasks): a source (an access-log file or an \
            OpenSearch index), rules, a frequency and a next run time. Each task runs on time; an \
            auto-check shortly after start-up and every WEIR_AUTO_CHECK_INTERVAL seconds (default \
            1800) runs what was missed while the service was down. The schema is created on first \
            start. GET /openapi.json describes every route.

            Several instances: start any number of `weir serve` with one \
            WEIR_DATABASE_URL=postgres://user:password@host:5432/weir (the database is created if \
            missing). Each due run happens once; an instance that stops renewing its claim for \
            WEIR_RUN_LEASE_SECONDS (default 30) has its run taken over by another, from the task's \
            last committed checkpoint. WEIR_INSTANCE_ID names an instance (default host:pid). \
            OpenSearch passwords and channel secrets are stored encrypted with a key from \
            WEIR_SECRET: set the same WEIR_SECRET on every instance. Findings become incidents \
            (GET /incidents), told to the channels a task's notify names (POST /channels: webhook, \
            slack, alertmanager) through an outbox that never loses or doubles a notification \
            (GET /notifications); GET /blocklist lists the clients to block.

            Settings, strongest first: flags, environment, ./.env, the file named by \
            WEIR_SETTINGS_FILE, defaults (docs/settings.md says what each does): \(Settings.keyList). \
            A variable of the environment that is not a setting is named in a warning and \
            ignored (Kubernetes sets WEIR_SERVICE_HOST and WEIR_PORT_* for a Service named weir); \
            in .env and settings files it stops start-up. \
            Every route but /health and /metrics needs Authorization: Bearer $WEIR_API_TOKEN; \
            in development with no token the API is open, and production refuses to start.

            Example:
              weir serve --port 3000 &
              curl -s localhost:3000/tasks -H 'Content-Type: application/json' \\
                -d '{"name":"nginx","task_frequency":60,
                "next_run_time":"2030-01-01T00:00:00Z","target_data":{"type":"file",
                "path":"/var/log/nginx/access.log"},
                "properties":{"black_ip_address":["192.0.2.0/24"]}}'
            """
    )

    @Option(help: ArgumentHelp("Address to listen on (WEIR_HOST; default 127.0.0.1).", valueName: "HOST"))
    var host: String?

    @Option(help: ArgumentHelp("Port to listen on, 0 for any free port (WEIR_PORT; default 3000).", valueName: "PORT"))
    var port: Int?

    @Option(help: ArgumentHelp("Folder of the per-task finding logs (WEIR_LOG_DIR; default ./weir-logs).", valueName: "DIR"))
    var logDir: String?

    @Option(help: ArgumentHelp("Log lines as text or as one JSON object each (WEIR_LOG_FORMAT; default text).", valueName: "FORMAT"))
    var logFormat: Settings.LogFormat?

    @Flag(
        help: """
            Check the settings, the database, the folders, the port, the stored channels and tasks' \
            sources without starting; exit 0 when the service can start, else print one line per \
            problem and exit 1 (for ExecStartPre= in a systemd unit, or after editing settings).
            """
    )
    var check = false

    @OptionGroup var settingsOptions: ServiceSettingsOptions

    func validate() throws {
        if let port, !(0...65535).contains(port) {
            throw ValidationError("--port must be a port number from 0 to 65535 (0 picks a free one), got \(port)")
        }
    }

    func run() async throws {
        var extra: [String: String] = [:]
        if let host { extra["WEIR_HOST"] = host }
        if let port { extra["WEIR_PORT"] = String(port) }
        if let logDir { extra["WEIR_LOG_DIR"] = logDir }
        if let logFormat { extra["WEIR_LOG_FORMAT"] = logFormat.rawValue }
        let settings = try settingsOptions.load(extra: extra)
        if check { throw ExitCode(await Self.check(settings)) }
        let logger = ServiceLogging.bootstrap(settings)
        for warning in settings.warnings { logger.warning("\(warning)") }
        let store = try await WeirServer.openStore(settings.databaseURL, logger: logger, exclusive: true)
        let server = WeirServer(settings: settings, store: store, logger: logger)
        let app = server.makeApplication { port in
            if settings.apiToken == nil {
                Console.err(
                    "weir serve: WARNING: WEIR_API_TOKEN is not set, so the API is OPEN to anyone who can reach \(settings.host):\(port) (WEIR_ENV=development). Set WEIR_API_TOKEN before exposing it."
                )
            }
            Console.out(
                "weir serve: listening on http://\(settings.host):\(port) (database \(settings.databaseURL.display), finding logs in \(settings.logDirectory))"
            )
        }
        try await server.serviceGroup(application: app).run()
    }

    /// `--check`: what was checked on standard output, each problem on standard error; 0 or 1.
    static func check(_ settings: Settings) async -> Int32 {
        for warning in settings.warnings { Console.err("weir serve --check: warning: \(warning)") }
        let outcome = await StartupCheck(settings: settings, logger: Logger(label: "weir", factory: { _ in SwiftLogNoOpLogHandler() })).run()
        for problem in outcome.problems { Console.err("weir serve --check: \(problem)") }
        guard outcome.problems.isEmpty else { return 1 }
        Console.out("weir serve --check: ok: \(outcome.checked.joined(separator: ", "))")
        return 0
    }
}
