import Foundation
import WeirLog
import WeirRules

/// What a source read, besides the lines.
package struct SourceRead: Sendable {
    /// The checkpoint to commit with the run's findings.
    package var checkpoint: String
    package var bytesRead: Int64
    package var notes: [String]
    /// Lines the source had and lost before this run could read them (a syslog journal over
    /// its bound).
    package var droppedLines: Int64 = 0
}
