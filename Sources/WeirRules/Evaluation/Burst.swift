/// One burst over a rate limit: overlapping windows over the limit merged into one.
public struct Burst: Sendable, Equatable, Codable {
    public var first: Int64
    public var last: Int64
    public var peak: Int
}
