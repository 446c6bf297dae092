import Foundation
import WeirDetect
import WeirGenerator
import WeirLog

/// One row of the evaluation table.
public struct EvaluationRow: Sendable {
    public var series: String
    public var method: String
    public var score: EventScore
}
