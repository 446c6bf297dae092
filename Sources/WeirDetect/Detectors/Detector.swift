/// A streaming detector: `step` scores one point from the past and the present, then learns it.
/// Detectors are reference types so that the hot loop never copies their buffers.
public protocol Detector: AnyObject {
    func step(_ x: Double) -> DetectorStep
    /// Whether its severities are already calibrated (an ensemble calibrates each member), so
    /// that the pipeline does not damp them again. False unless a detector says otherwise.
    var calibratesItself: Bool { get }
}

extension Detector {
    public var calibratesItself: Bool { false }
}
