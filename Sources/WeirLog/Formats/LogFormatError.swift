/// A log format string that Weir cannot use, with the reason.
public struct LogFormatError: Error, CustomStringConvertible, Sendable {
    public let description: String
    init(_ message: String) { description = message }
}
