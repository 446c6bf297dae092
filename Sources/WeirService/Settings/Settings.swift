import Configuration
import Foundation
import WeirModel
import WeirNotify
import WeirSources
import WeirStore

/// The service's settings. Each comes, strongest first, from a command-line flag, the environment,
/// a `.env` file in the working directory, the file named by `WEIR_SETTINGS_FILE` (same
/// `KEY=value` lines), or the built-in default.
public struct Settings: Sendable, Equatable {
    public enum Environment: String, Sendable { case development, production }
    /// How the service's log lines are written.
    public enum LogFormat: String, Sendable, CaseIterable { case text, json }

    public var environment: Environment = .development
    public var debug = false
    /// Log lines as text or as one JSON object each (`WEIR_LOG_FORMAT`).
    public var logFormat: LogFormat = .text
    public var databaseURL: DatabaseURL = .sqlite(path: "weir.sqlite")
    public var logDirectory = "./weir-logs"
    /// The folder of the syslog listeners' journals, one folder per listen address.
    public var syslogDirectory = "./weir-syslog"
    /// The bound of each syslog journal, in MiB: past it, the oldest lines are dropped.
    public var syslogJournalMB = 256
    /// Whether this instance listens for its syslog tasks (with several instances on several
    /// machines, one should).
    public var syslogListen = true
    /// Whether runs count their traffic for `/metrics` (`weir_traffic_*`).
    public var trafficMetrics = true
    public var apiToken: String?
    public var secret: String?
    /// Seconds between auto-checks.
    public var autoCheckInterval: Double = 1800
    /// Seconds after start-up before the first auto-check.
    public var autoCheckDelay: Double = 5
    public var host = "127.0.0.1"
    public var port = 3000
    /// How many task runs may go at once.
    public var maxParallelRuns = 4
    /// Threads that parse a large file's lines while a run's rules take them
    /// (`WEIR_RUN_PARSING_THREADS`, 0 for none); `nil` keeps the default, one per core but the
    /// run's own, at most four.
    public var runParsingThreads: Int?
    /// Seconds between two looks for due tasks.
    public var schedulerTick: Double = 1
    /// New minutes of traffic after which the expert system chooses a task's model again.
    public var modelRetuneMinutes = 1440
    /// This instance's name on the runs it claims; by default host name and process id.
    public var instanceID = "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier)"
    /// Seconds a run's claim holds without renewal; an instance renews its claims three times per
    /// lease, and another instance takes over a run whose claim lapsed.
    public var runLeaseSeconds: Int64 = 30
    /// Directories file sources may be read from (`WEIR_SOURCE_DIRS`, `:`-separated); by default
    /// `/var/log` and the working directory.
    public var sourceDirectories = ["/var/log", FileManager.default.currentDirectoryPath]
    /// Seconds after which a run is stopped and recorded failed (`WEIR_RUN_TIMEOUT`).
    public var runTimeout: Double = 3600
    /// The OpenSearch hosts tasks may name (`WEIR_OPENSEARCH_HOSTS`, comma-separated); `nil` allows any.
    public var openSearchHosts: [String]?
    /// Days runs, findings and traffic minutes are kept (`WEIR_RETENTION_DAYS`).
    public var retentionDays = 90
    /// Seconds a notification is retried before it is `failed` (`WEIR_NOTIFY_MAX_AGE`).
    public var notifyMaxAge: Int64 = 86_400
    /// Seconds a receiver has to answer a notification (`WEIR_NOTIFY_TIMEOUT`).
    public var notifyTimeout: Double = 10
    /// The hosts channels may send to (`WEIR_NOTIFY_HOSTS`, comma-separated); `nil` allows any.
    public var notifyHosts: [String]?
    /// The service's address as people reach it, for links in messages (`WEIR_PUBLIC_URL`).
    public var publicURL: String?
    /// Seconds between two looks at the outbox for due notifications.
    public var notifyTick: Double = 0.5
    /// What loading the settings ignored and the operator should know (variables of the
    /// environment that are not Weir's), to be said once at start-up.
    public var warnings: [String] = []

    public init() {}

    /// Where file sources may be read.
    public var receiverPolicy: ReceiverPolicy { ReceiverPolicy(hosts: notifyHosts) }
    public var sourcePolicy: SourcePolicy { SourcePolicy(directories: sourceDirectories, openSearchHosts: openSearchHosts) }

    /// The owner this instance's runs are claimed under.
    public var runOwner: RunOwner { RunOwner(instance: instanceID, leaseSeconds: runLeaseSeconds) }

    /// Every key the service reads, for messages and `--help`.
    public static let keys = [
        "WEIR_ENV", "WEIR_DEBUG", "WEIR_DATABASE_URL", "WEIR_LOG_DIR", "WEIR_API_TOKEN", "WEIR_SECRET",
        "WEIR_AUTO_CHECK_INTERVAL", "WEIR_HOST", "WEIR_PORT", "WEIR_MAX_PARALLEL_RUNS", "WEIR_RUN_PARSING_THREADS", "WEIR_MODEL_RETUNE_MINUTES",
        "WEIR_INSTANCE_ID", "WEIR_RUN_LEASE_SECONDS", "WEIR_SETTINGS_FILE", "WEIR_SOURCE_DIRS", "WEIR_RUN_TIMEOUT", "WEIR_LOG_FORMAT",
        "WEIR_RETENTION_DAYS", "WEIR_OPENSEARCH_HOSTS", "WEIR_NOTIFY_MAX_AGE", "WEIR_NOTIFY_TIMEOUT", "WEIR_PUBLIC_URL",
        "WEIR_NOTIFY_HOSTS", "WEIR_SYSLOG_DIR", "WEIR_SYSLOG_JOURNAL_MB", "WEIR_SYSLOG_LISTEN", "WEIR_TRAFFIC_METRICS",
    ]

    /// The keys whose values are secrets.
    public static let secretKeys = ["WEIR_API_TOKEN", "WEIR_SECRET"]

    /// Builds the settings from the given sources, strongest first in the order of the spec.
    /// `flags` and `environment` map keys (`WEIR_PORT`) to values; `directory` is where `.env` is
    /// looked for.
    public static func load(
        flags: [String: String],
        environment: [String: String],
        directory: String = FileManager.default.currentDirectoryPath
    ) throws(SettingsError) -> Settings {
        let dotEnv = try KeyValueFile.read(directory + "/.env", optional: true)
        let (environment, warnings) = Self.ownEnvironment(environment)
        var file: [String: String] = [:]
        if let path = flags["WEIR_SETTINGS_FILE"] ?? environment["WEIR_SETTINGS_FILE"] ?? dotEnv["WEIR_SETTINGS_FILE"] {
            file = try KeyValueFile.read(path, optional: false)
        }
        var settings = try Settings(layers: [flags, environment, dotEnv, file])
        settings.warnings = warnings
        return settings
    }

    /// The `WEIR_` keys of the process environment that are Weir's, and a warning for the rest.
    /// The environment is not only the user's: Kubernetes gives every pod, for a Service named
    /// `weir` in its namespace, `WEIR_SERVICE_HOST`, `WEIR_SERVICE_PORT`, `WEIR_PORT=tcp://…` and
    /// `WEIR_PORT_<port>_TCP…`. So a key Weir does not know is named in one warning and ignored,
    /// and `WEIR_PORT` in that `tcp://` form is recognised as injected and ignored with a warning;
    /// in `.env` and settings files, which only a user writes, both stay errors.
    static func ownEnvironment(_ environment: [String: String]) -> (settings: [String: String], warnings: [String]) {
        var settings: [String: String] = [:]
        var unknown: [String] = []
        var warnings: [String] = []
        for (key, value) in environment where key.hasPrefix("WEIR_") {
            if !keys.contains(key) {
                unknown.append(key)
            } else if key == "WEIR_PORT", value.hasPrefix("tcp://") || value.hasPrefix("udp://") {
                warnings.append(
                    "WEIR_PORT=\(value) in the environment is the address Kubernetes injects for a Service named weir, not a port; ignored (give the port with --port or WEIR_PORT in a settings file)"
                )
            } else {
                settings[key] = value
            }
        }
        if !unknown.isEmpty {
            let names = unknown.sorted().joined(separator: ", ")
            warnings.append(
                "ignoring \(unknown.count == 1 ? "a variable" : "\(unknown.count) variables") of the environment that \(unknown.count == 1 ? "is not a setting" : "are not settings"): \(names) (Kubernetes sets such variables for a Service named weir)"
            )
        }
        return (settings, warnings.sorted())
    }

    /// Settings from one set of `KEY=value` pairs (the demo, benchmarks and tests).
    public init(values: [String: String]) throws(SettingsError) {
        try self.init(layers: [values])
    }

    /// Settings from layers of `KEY=value` pairs, strongest first, read through
    /// swift-configuration (one provider per layer, ``secretKeys`` marked secret so that
    /// access reporting redacts them). Weir's own rule comes first: a key it does not know, in
    /// any layer, stops start-up with one line naming it.
    init(layers: [[String: String]]) throws(SettingsError) {
        for key in Set(layers.flatMap(\.keys)).sorted() where !Self.keys.contains(key) {
            throw SettingsError(key: key, problem: "is not a setting Weir knows; the settings are \(Self.keys.joined(separator: ", "))")
        }
        let secrets = Set(Self.secretKeys)
        let reader = ConfigReader(
            providers: layers.map { EnvironmentVariablesProvider(environmentVariables: $0, secretsSpecifier: .specific(secrets)) }
        )
        func value(_ key: String) -> String? {
            let text = reader.string(forKey: ConfigKey([key]), isSecret: secrets.contains(key))
            guard let v = text?.trimmingCharacters(in: .whitespaces), !v.isEmpty else { return nil }
            return v
        }
        /// The value of `key` read by `parse`; a value it refuses stops start-up with `advice`.
        func parsed<T>(_ key: String, _ advice: String, _ parse: (String) -> T?) throws(SettingsError) -> T? {
            guard let v = value(key) else { return nil }
            guard let result = parse(v) else { throw SettingsError(key: key, problem: "is \"\(v)\"; \(advice)") }
            return result
        }
        if let e = try parsed("WEIR_ENV", "use development or production", Environment.init(rawValue:)) { environment = e }
        if let b = try parsed("WEIR_DEBUG", "use true or false", Self.bool) { debug = b }
        if let v = value("WEIR_DATABASE_URL") {
            do { databaseURL = try DatabaseURL(v) } catch { throw SettingsError(key: "WEIR_DATABASE_URL", problem: error.description) }
        }
        if let v = value("WEIR_LOG_DIR") { logDirectory = v }
        if let v = value("WEIR_SYSLOG_DIR") { syslogDirectory = v }
        if let n = try parsed(
            "WEIR_SYSLOG_JOURNAL_MB",
            "give a whole number of MiB from 1 to 1048576 (default 256)",
            { Self.whole($0, in: 1...1_048_576) }
        ) {
            syslogJournalMB = n
        }
        if let b = try parsed("WEIR_SYSLOG_LISTEN", "use true or false", Self.bool) { syslogListen = b }
        if let b = try parsed("WEIR_TRAFFIC_METRICS", "use true or false", Self.bool) { trafficMetrics = b }
        apiToken = value("WEIR_API_TOKEN")
        secret = value("WEIR_SECRET")
        if let s = try parsed(
            "WEIR_AUTO_CHECK_INTERVAL",
            "give a number of seconds, at least 1 (default 1800)",
            { Self.seconds($0, in: 1...Double.greatestFiniteMagnitude) }
        ) {
            autoCheckInterval = s
        }
        if let v = value("WEIR_HOST") { host = v }
        if let p = try parsed("WEIR_PORT", "give a port number from 1 to 65535 (0 picks a free one)", { Self.whole($0, in: 0...65535) }) {
            port = p
        }
        if let n = try parsed("WEIR_MAX_PARALLEL_RUNS", "give a whole number from 1 to 256", { Self.whole($0, in: 1...256) }) {
            maxParallelRuns = n
        }
        if let n = try parsed(
            "WEIR_RUN_PARSING_THREADS",
            "give a whole number from 0 (parse on the run's own thread) to 16 (default: one per core but the run's own, at most 4)",
            { Self.whole($0, in: 0...16) }
        ) {
            runParsingThreads = n
        }
        if let n = try parsed(
            "WEIR_MODEL_RETUNE_MINUTES",
            "give a whole number of minutes, at least 1 (default 1440)",
            { Self.whole($0, in: 1...Int.max) }
        ) {
            modelRetuneMinutes = n
        }
        if let v = value("WEIR_INSTANCE_ID") {
            guard !v.isEmpty, v.count <= 200 else { throw SettingsError(key: "WEIR_INSTANCE_ID", problem: "must be 1 to 200 characters") }
            instanceID = v
        }
        if let n = try parsed(
            "WEIR_RUN_LEASE_SECONDS",
            "give a whole number of seconds from 3 to 3600 (default 30)",
            { Self.whole($0, in: 3...3600) }
        ) {
            runLeaseSeconds = Int64(n)
        }
        if let format = try parsed("WEIR_LOG_FORMAT", "use text or json", LogFormat.init(rawValue:)) { logFormat = format }
        if let n = try parsed("WEIR_RETENTION_DAYS", "give a whole number of days from 1 to 36500 (default 90)", { Self.whole($0, in: 1...36_500) }) {
            retentionDays = n
        }
        if let v = value("WEIR_OPENSEARCH_HOSTS") { openSearchHosts = try Self.hostList("WEIR_OPENSEARCH_HOSTS", v) }
        if let v = value("WEIR_NOTIFY_HOSTS") { notifyHosts = try Self.hostList("WEIR_NOTIFY_HOSTS", v) }
        if let v = value("WEIR_SOURCE_DIRS") {
            let directories = v.split(separator: ":", omittingEmptySubsequences: true).map(String.init)
            guard !directories.isEmpty, directories.allSatisfy({ $0.hasPrefix("/") }) else {
                throw SettingsError(
                    key: "WEIR_SOURCE_DIRS",
                    problem: "is \"\(v)\"; give absolute directories separated by ':', e.g. /var/log:/srv/logs"
                )
            }
            sourceDirectories = directories
        }
        if let s = try parsed("WEIR_RUN_TIMEOUT", "give a number of seconds from 1 to 604800 (default 3600)", { Self.seconds($0, in: 1...604_800) }) {
            runTimeout = s
        }
        if let n = try parsed(
            "WEIR_NOTIFY_MAX_AGE",
            "give a whole number of seconds from 60 to 2592000 (default 86400)",
            { Self.whole($0, in: 60...2_592_000) }
        ) {
            notifyMaxAge = Int64(n)
        }
        if let s = try parsed("WEIR_NOTIFY_TIMEOUT", "give a number of seconds from 0.1 to 300 (default 10)", { Self.seconds($0, in: 0.1...300) }) {
            notifyTimeout = s
        }
        if let v = value("WEIR_PUBLIC_URL") {
            guard v.hasPrefix("http://") || v.hasPrefix("https://"), !v.contains(" ") else {
                throw SettingsError(
                    key: "WEIR_PUBLIC_URL",
                    problem: "is \"\(v)\"; give the service's address as people reach it, e.g. https://weir.example.com"
                )
            }
            publicURL = v.hasSuffix("/") ? String(v.dropLast()) : v
        }
        if environment == .production, apiToken == nil {
            throw SettingsError(
                key: "WEIR_API_TOKEN",
                problem: "is not set, and WEIR_ENV=production refuses to serve an open API; set WEIR_API_TOKEN to a long random string"
            )
        }
    }

    /// A comma-separated list of host names or host:port.
    static func hostList(_ key: String, _ text: String) throws(SettingsError) -> [String] {
        let hosts = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !hosts.isEmpty, hosts.allSatisfy({ !$0.contains("/") && !$0.contains(" ") }) else {
            throw SettingsError(key: key, problem: "is \"\(text)\"; give host names or host:port, separated by commas")
        }
        return hosts
    }

    /// `text` as a whole number inside `range`, or `nil`.
    static func whole(_ text: String, in range: ClosedRange<Int>) -> Int? {
        Int(text).flatMap { range.contains($0) ? $0 : nil }
    }

    /// `text` as a finite number of seconds inside `range`, or `nil`.
    static func seconds(_ text: String, in range: ClosedRange<Double>) -> Double? {
        Double(text).flatMap { $0.isFinite && range.contains($0) ? $0 : nil }
    }

    static func bool(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "1", "true", "yes", "on": true
        case "0", "false", "no", "off": false
        default: nil
        }
    }
}
