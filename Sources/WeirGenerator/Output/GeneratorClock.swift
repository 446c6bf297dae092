/// Wall time for the live generator, injectable for tests.
public protocol GeneratorClock: Sendable {
    /// Unix time in seconds.
    func now() -> Double
    /// Suspends until the Unix time `deadline`.
    func sleep(until deadline: Double) async throws
}
