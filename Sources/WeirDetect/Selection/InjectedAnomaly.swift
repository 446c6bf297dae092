/// One anomaly placed in a series: points `start...end`.
public struct InjectedAnomaly: Sendable, Equatable, Codable {
    public var kind: AnomalyKind
    public var start: Int
    public var end: Int
}
