import ArgumentParser
import Foundation
import Logging
import WeirService
import WeirStore

/// Service settings given as flags: each maps to the setting key of the same meaning.
struct ServiceSettingsOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Database URL: sqlite:weir.sqlite, sqlite:///abs/path.sqlite or postgres://… (WEIR_DATABASE_URL).", valueName: "URL"))
    var databaseURL: String?

    @Option(help: ArgumentHelp("A file of KEY=value settings, weaker than the environment and .env (WEIR_SETTINGS_FILE).", valueName: "FILE"))
    var settingsFile: String?

    /// The flags as setting keys.
    var flags: [String: String] {
        var flags: [String: String] = [:]
        if let databaseURL { flags["WEIR_DATABASE_URL"] = databaseURL }
        if let settingsFile { flags["WEIR_SETTINGS_FILE"] = settingsFile }
        return flags
    }

    /// The settings from every source; a bad one is one line naming its key.
    func load(extra: [String: String] = [:]) throws -> Settings {
        do {
            return try Settings.load(flags: flags.merging(extra) { $1 }, environment: ProcessInfo.processInfo.environment)
        } catch {
            throw ValidationError(error.description)
        }
    }
}

/// Logs to stderr, at debug level with WEIR_DEBUG.
func serviceLogger(_ settings: Settings) -> Logger {
    LoggingSystem.bootstrap { label in
        var handler = StreamLogHandler.standardError(label: label)
        handler.logLevel = settings.debug ? .debug : .info
        return handler
    }
    return Logger(label: "weir")
}

struct SetupDBCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "setup-db",
        abstract: "Creates or migrates the service's database schema and seeds the rule catalogue.",
        discussion: """
            Harmless to run again: it applies only the migrations the database lacks and never drops
            data, unless given --reset --yes, which deletes every task, run and finding first.
            The database comes from --database-url, WEIR_DATABASE_URL (environment, .env or the
            settings file), or sqlite:weir.sqlite in the working directory.
            """
    )

    @OptionGroup var settingsOptions: ServiceSettingsOptions

    @Flag(help: "Delete every table Weir owns before creating the schema again (needs --yes).")
    var reset = false

    @Flag(help: "Confirm --reset.")
    var yes = false

    func validate() throws {
        if reset, !yes { throw ValidationError("--reset deletes every task, run and finding; add --yes to confirm") }
    }

    func run() async throws {
        let settings = try settingsOptions.load()
        let logger = Logger(label: "weir")
        let store = try await WeirServer.openUnmigratedStore(settings.databaseURL, logger: logger)
        do {
            if reset { try await store.reset() }
            let before = try await store.schemaVersion()
            try await store.migrate()
            let after = try await store.schemaVersion()
            let rules = try await store.ruleCatalogue().count
            print(before == after
                  ? "weir setup-db: schema already at version \(after); \(rules) rules in the catalogue"
                  : "weir setup-db: schema migrated from version \(before) to \(after); \(rules) rules in the catalogue")
        } catch {
            try? await store.close()
            throw error
        }
        try await store.close()
    }
}

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Runs the monitoring service: the HTTP API, the scheduler and the auto-check.",
        discussion: """
            Users register tasks over the API (POST /tasks): a source (an access-log file or an
            OpenSearch index), rules, a frequency and a next run time. Each task runs on time; an
            auto-check shortly after start-up and every WEIR_AUTO_CHECK_INTERVAL seconds (default
            1800) runs what was missed while the service was down. The schema is created on first
            start. GET /openapi.json describes every route.

            Several instances: start any number of `weir serve` with one
            WEIR_DATABASE_URL=postgres://user:password@host:5432/weir (the database is created if
            missing). Each due run happens once; an instance that stops renewing its claim for
            WEIR_RUN_LEASE_SECONDS (default 30) has its run taken over by another, from the task's
            last committed checkpoint. WEIR_INSTANCE_ID names an instance (default host:pid).
            OpenSearch passwords are stored encrypted with a key from WEIR_SECRET: set the same
            WEIR_SECRET on every instance.

            Settings, strongest first: flags, environment, ./.env, the file named by
            WEIR_SETTINGS_FILE, defaults. Keys: WEIR_ENV (development|production), WEIR_DEBUG,
            WEIR_DATABASE_URL, WEIR_LOG_DIR (default ./weir-logs), WEIR_API_TOKEN, WEIR_SECRET,
            WEIR_AUTO_CHECK_INTERVAL, WEIR_HOST, WEIR_PORT, WEIR_MAX_PARALLEL_RUNS (default 4),
            WEIR_MODEL_RETUNE_MINUTES, WEIR_INSTANCE_ID, WEIR_RUN_LEASE_SECONDS.
            Every route but /health and /metrics needs Authorization: Bearer $WEIR_API_TOKEN;
            in development with no token the API is open, and production refuses to start.

            Example:
              weir serve --port 3000 &
              curl -s localhost:3000/tasks -d '{"name":"nginx","task_frequency":60,
                "next_run_time":"2030-01-01T00:00:00Z","target_data":{"type":"file",
                "path":"/var/log/nginx/access.log"},"properties":{"black_ip_address":["192.0.2.0/24"]}}'
            """
    )

    @Option(help: ArgumentHelp("Address to listen on (WEIR_HOST; default 127.0.0.1).", valueName: "HOST"))
    var host: String?

    @Option(help: ArgumentHelp("Port to listen on, 0 for any free port (WEIR_PORT; default 3000).", valueName: "PORT"))
    var port: String?

    @Option(help: ArgumentHelp("Folder of the per-task finding logs (WEIR_LOG_DIR; default ./weir-logs).", valueName: "DIR"))
    var logDir: String?

    @OptionGroup var settingsOptions: ServiceSettingsOptions

    func run() async throws {
        var extra: [String: String] = [:]
        if let host { extra["WEIR_HOST"] = host }
        if let port { extra["WEIR_PORT"] = port }
        if let logDir { extra["WEIR_LOG_DIR"] = logDir }
        let settings = try settingsOptions.load(extra: extra)
        let logger = serviceLogger(settings)
        let store = try await WeirServer.openStore(settings, logger: logger)
        let server = WeirServer(settings: settings, store: store, logger: logger)
        let app = server.makeApplication { port in
            if settings.apiToken == nil {
                Console.err("weir serve: WARNING: WEIR_API_TOKEN is not set, so the API is OPEN to anyone who can reach \(settings.host):\(port) (WEIR_ENV=development). Set WEIR_API_TOKEN before exposing it.")
            }
            Console.out("weir serve: listening on http://\(settings.host):\(port) (database \(settings.databaseURL.display), finding logs in \(settings.logDirectory))")
        }
        try await server.serviceGroup(application: app).run()
    }
}

extension DatabaseURL {
    /// The URL for messages, with any password hidden.
    var display: String {
        switch self {
        case .sqlite(let path): "sqlite:\(path)"
        case .postgres(let url): url.replacingOccurrences(of: #":[^:@/]*@"#, with: ":***@", options: .regularExpression)
        }
    }
}
