extension Int64 {
    /// `value` rounded toward zero and clamped to `Int64`'s range; NaN becomes 0. Unlike
    /// `Int64(_:)` it never traps, whatever the double.
    public init(saturating value: Double) {
        if value.isNaN {
            self = 0
        } else if value >= 9_223_372_036_854_775_807.0 {
            self = .max
        } else if value <= -9_223_372_036_854_775_808.0 {
            self = .min
        } else {
            self = Int64(value)
        }
    }
}

extension Int {
    /// `value` rounded toward zero and clamped to `Int`'s range; NaN becomes 0. Never traps.
    public init(saturating value: Double) {
        self = Int(truncatingIfNeeded: Int64(saturating: value))
    }
}
