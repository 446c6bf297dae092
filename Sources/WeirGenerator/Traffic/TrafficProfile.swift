/// How the rate of generated traffic changes over time.
public enum TrafficProfile: String, CaseIterable, Sendable {
    /// The base rate with ±10 % noise.
    case steady
    /// The base rate, with a burst at ``spikeFactor`` times it for ``spikeLength`` seconds in every ``spikePeriod``.
    case spike
    /// Base traffic plus, during attack phases, a scanner, one flooding client and a few bad IPs.
    case attack
    /// Steady, spike and attack phases in turn.
    case mixed

    /// Seconds between the starts of two bursts.
    public static let spikePeriod: Int64 = 240
    /// Seconds from the start of a period to the start of its burst.
    public static let spikeOffset: Int64 = 20
    /// Length of a burst in seconds.
    public static let spikeLength: Int64 = 60
    /// Rate multiplier during a burst.
    public static let spikeFactor = 5.0
    /// Attack phases: `[attackOffset, attackOffset + attackLength)` in every `attackPeriod` seconds.
    public static let attackPeriod: Int64 = 300
    public static let attackOffset: Int64 = 30
    public static let attackLength: Int64 = 90

    /// Rate multiplier for the base traffic at `t` seconds after the start.
    public func baseMultiplier(at t: Int64) -> Double {
        switch self {
        case .steady, .attack: 1
        case .spike: Self.inSpike(t) ? Self.spikeFactor : 1
        case .mixed: Self.mixedPhase(t) == 1 && Self.inSpike(t) ? Self.spikeFactor : 1
        }
    }

    /// Whether attack traffic is on at `t` seconds after the start.
    public func attacking(at t: Int64) -> Bool {
        switch self {
        case .steady, .spike: false
        case .attack: Self.inAttack(t)
        case .mixed: Self.mixedPhase(t) == 2 && Self.inAttack(t)
        }
    }

    static func inSpike(_ t: Int64) -> Bool {
        let p = t % spikePeriod
        return p >= spikeOffset && p < spikeOffset + spikeLength
    }

    static func inAttack(_ t: Int64) -> Bool {
        let p = t % attackPeriod
        return p >= attackOffset && p < attackOffset + attackLength
    }

    /// Mixed cycles through steady (0), spike (1) and attack (2) phases of 20 minutes.
    static func mixedPhase(_ t: Int64) -> Int { Int((t / 1200) % 3) }
}
