/// Whether a value lies beyond everything seen so far by more than `tolerance` of the range seen:
/// a new extreme. On a series that has been flat, any other value is one.
struct SpatialRange: Sendable {
    var tolerance = 0.05
    private var low = Double.infinity
    private var high = -Double.infinity

    /// Whether `x` is a new extreme; then remembers it.
    mutating func isNew(_ x: Double) -> Bool {
        defer {
            low = min(low, x)
            high = max(high, x)
        }
        guard low <= high else { return false }
        let margin = (high - low) * tolerance
        return x > high + margin || x < low - margin
    }
}
