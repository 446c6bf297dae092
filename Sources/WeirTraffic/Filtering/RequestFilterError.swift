/// Why a `--filter` was refused.
public struct RequestFilterError: Error, CustomStringConvertible, Sendable {
    public let description: String
    init(_ description: String) { self.description = description }
}
