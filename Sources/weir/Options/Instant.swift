import ArgumentParser
import WeirLog

/// An instant given on the command line (RFC 3339, `YYYY-MM-DD HH:MM:SS` UTC, or Unix seconds).
struct Instant: ExpressibleByArgument {
    let seconds: Int64
    init?(argument: String) {
        guard let s = Timestamps.parse(argument) else { return nil }
        seconds = s
    }
    static var defaultCompletionKind: CompletionKind { .default }
}
