import WeirLog

/// A line copied off its reader's buffer so that it can wait in a ``LineQueue``: its bytes,
/// what was parsed of it (ranges relative to the bytes), and its number and failure.
struct QueuedLine {
    var bytes: [UInt8]
    var parsed: ParsedLine
    var number: Int
    var failure: ParseFailure?
}
