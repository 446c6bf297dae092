/// Several detectors on one series, each calibrated against its own recent severities
/// (``ScoreCalibrator``), reported as the most severe of them: a deviation that is rare for any of
/// them counts. The expected range is the first member's.
public final class EnsembleMax: Detector {
    private let members: [any Detector]
    private var calibrators: [ScoreCalibrator]
    public var calibratesItself: Bool { true }

    public init(_ members: [any Detector]) {
        precondition(!members.isEmpty, "an ensemble needs a member")
        self.members = members
        calibrators = members.map { _ in ScoreCalibrator() }
    }

    public func step(_ x: Double) -> DetectorStep {
        var result = members[0].step(x)
        result.severity = calibrators[0].calibrate(result.severity)
        for i in members.indices.dropFirst() {
            let severity = calibrators[i].calibrate(members[i].step(x).severity)
            if severity > result.severity { result.severity = severity }
        }
        return result
    }
}
