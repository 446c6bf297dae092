/// A minute of traffic as a run measured it, and how it goes into the stored minute of the same
/// start.
public struct MeasuredMinute: Sendable, Equatable {
    public var bucket: FeatureBucket
    /// Whether the minute went on from an open minute an earlier run carried
    /// (``CarriedMinutes``): it then holds that run's part too, and replaces the stored minute,
    /// which that run saved while it was open. Otherwise it merges with any stored minute (lines
    /// that came after their minute had closed).
    public var replacesStored: Bool

    public init(bucket: FeatureBucket, replacesStored: Bool) {
        self.bucket = bucket
        self.replacesStored = replacesStored
    }
}
