/// What the expert system chose for one feature.
public struct FeatureModel: Sendable, Equatable, Codable {
    public var feature: TrafficFeature
    public var choice: MethodChoice
    public var period: Int
    /// The comparison that chose it (`nil` for the default model).
    public var report: SelectionReport?
}
