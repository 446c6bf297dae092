import WeirCore
import WeirStore

extension Settings {
    /// Each key's default as `docs/settings.md` states it, read off a default ``Settings`` (the one
    /// place the defaults are written), or in words where it depends on the machine or is unset.
    /// A test holds the document's table to it.
    public static var documentedDefaults: [String: String] {
        let d = Settings()
        return [
            "WEIR_ENV": d.environment.rawValue, "WEIR_DEBUG": "\(d.debug)", "WEIR_DATABASE_URL": d.databaseURL.display,
            "WEIR_LOG_DIR": d.logDirectory, "WEIR_API_TOKEN": "unset", "WEIR_SECRET": "unset",
            "WEIR_AUTO_CHECK_INTERVAL": DecimalText.trimmed(d.autoCheckInterval, places: 3), "WEIR_HOST": d.host, "WEIR_PORT": "\(d.port)",
            "WEIR_MAX_PARALLEL_RUNS": "\(d.maxParallelRuns)", "WEIR_RUN_PARSING_THREADS": "one per core but the run's own, at most 4",
            "WEIR_MODEL_RETUNE_MINUTES": "\(d.modelRetuneMinutes)", "WEIR_INSTANCE_ID": "host:pid",
            "WEIR_RUN_LEASE_SECONDS": "\(d.runLeaseSeconds)", "WEIR_SETTINGS_FILE": "unset",
            "WEIR_SOURCE_DIRS": "\(d.sourceDirectories[0]) and the working directory",
            "WEIR_RUN_TIMEOUT": DecimalText.trimmed(d.runTimeout, places: 3),
            "WEIR_LOG_FORMAT": d.logFormat.rawValue, "WEIR_RETENTION_DAYS": "\(d.retentionDays)", "WEIR_OPENSEARCH_HOSTS": "unset (any)",
            "WEIR_NOTIFY_MAX_AGE": "\(d.notifyMaxAge)", "WEIR_NOTIFY_TIMEOUT": DecimalText.trimmed(d.notifyTimeout, places: 3),
            "WEIR_PUBLIC_URL": "unset", "WEIR_NOTIFY_HOSTS": "unset (any)",
            "WEIR_SYSLOG_DIR": d.syslogDirectory, "WEIR_SYSLOG_JOURNAL_MB": "\(d.syslogJournalMB)", "WEIR_SYSLOG_LISTEN": "\(d.syslogListen)",
            "WEIR_TRAFFIC_METRICS": "\(d.trafficMetrics)",
        ]
    }

    /// Every key with its default, for `weir serve --help`: `WEIR_PORT (default 3000)`.
    public static var keyList: String {
        let defaults = documentedDefaults
        return keys.map { key in defaults[key].map { "\(key) (default \($0))" } ?? key }.joined(separator: ", ")
    }
}
