import Logging

/// How `weir serve` logs: to standard error, as text or as JSON lines (`WEIR_LOG_FORMAT`,
/// `--log-format`), at debug level with `WEIR_DEBUG`.
public enum ServiceLogging {
    /// Installs the process's log handler for `settings` and returns the service's logger. Call
    /// once per process.
    public static func bootstrap(_ settings: Settings) -> Logger {
        let level: Logger.Level = settings.debug ? .debug : .info
        let format = settings.logFormat
        LoggingSystem.bootstrap { label in
            switch format {
            case .json:
                return JSONLogHandler(label: label, level: level)
            case .text:
                var handler = StreamLogHandler.standardError(label: label)
                handler.logLevel = level
                return handler
            }
        }
        return Logger(label: "weir")
    }
}
