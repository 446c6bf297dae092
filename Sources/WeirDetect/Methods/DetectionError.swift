/// A detection input or choice that cannot be used, worded for one line of output.
public struct DetectionError: Error, CustomStringConvertible, Sendable, Equatable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
