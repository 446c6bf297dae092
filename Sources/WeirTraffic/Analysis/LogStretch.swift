/// What the lines of one stretch of a log file counted, whatever a view's range and filters:
/// enough to stand in for them in a view whose range starts after every one of them
/// (``GrowingLogAnalysis/handingOver(to:)``), where they are all outside the range.
struct LogStretch: Sendable, Equatable {
    /// Where the stretch ends in the file: the start of the next, just past a `\n`.
    var end: Int64
    var lines: Int
    var parsed: Int
    var malformed: Int
    var malformedReasons: [String: Int]
    /// The latest timestamp of its parsed lines (`Int64.min` when none parsed).
    var latest: Int64
}
