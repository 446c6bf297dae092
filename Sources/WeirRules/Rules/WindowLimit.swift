import WeirCore

/// A maximum number of requests in any window of `seconds` seconds.
public struct WindowLimit: Sendable, Hashable, Codable {
    public var seconds: Int
    public var max: Int

    public init(seconds: Int, max: Int) {
        self.seconds = seconds
        self.max = max
    }
}
