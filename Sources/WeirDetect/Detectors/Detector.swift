/// A streaming detector: `step` scores one point from the past and the present, then learns it.
/// Detectors are reference types so that the hot loop never copies their buffers.
public protocol Detector: AnyObject {
    func step(_ x: Double) -> DetectorStep
}
