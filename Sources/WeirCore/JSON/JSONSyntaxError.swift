/// Why a JSON text could not be parsed, and where.
public struct JSONSyntaxError: Error, CustomStringConvertible, Sendable, Equatable {
    public let message: String
    /// Bytes from the start of the text.
    public let offset: Int

    public var description: String { "\(message) (at byte \(offset))" }
}
