import Dispatch
import Synchronization
import WeirCore

/// How far a run has read, for the progress hook of tests.
public struct RunProgress: Sendable {
    public let runID: Int64
    public let lines: Int64
    /// Set once the run is asked to stop (the service shuts down).
    public let stop: StopSignal
}
