extension Duration {
    /// The duration in seconds, with its fraction (for benchmarks and metrics).
    public var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }

    /// `seconds` to the millisecond, clamped and never trapping (NaN is zero), for sleeps and
    /// timeouts given in seconds by settings and policies.
    public static func saturatingSeconds(_ seconds: Double) -> Duration {
        .milliseconds(Int64(saturating: seconds * 1000))
    }
}
