/// What a detector makes of one point, judged against the points before it only.
public struct DetectorStep: Sendable, Equatable {
    /// Deviation in units of the alert threshold: 1 is exactly at the threshold.
    public var severity: Double
    /// The value the detector expected.
    public var expected: Double
    /// Half the width of the expected range (the deviation that would score exactly 0.5).
    public var halfWidth: Double

    public init(severity: Double, expected: Double, halfWidth: Double) {
        self.severity = severity.isFinite ? max(severity, 0) : (severity.isNaN ? 0 : .greatestFiniteMagnitude)
        self.expected = expected
        self.halfWidth = halfWidth
    }

    /// Nothing to judge yet (warming up).
    public static func warmingUp(_ x: Double) -> DetectorStep { DetectorStep(severity: 0, expected: x, halfWidth: 0) }
}
