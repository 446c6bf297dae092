/// One burst over a rate limit: overlapping windows over the limit merged into one.
struct Burst: Sendable, Equatable {
    var first: Int64
    var last: Int64
    var peak: Int
}
