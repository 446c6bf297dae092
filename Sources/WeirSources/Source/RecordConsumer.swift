import Foundation
import WeirLog
import WeirRules

/// Takes the records a source reads, one line at a time. A consumer is used on the thread that
/// reads (``BlockingWork``), so its type must be usable there (`SendableMetatype`).
package protocol RecordConsumer: SendableMetatype {
    mutating func consume(_ line: LogReader.Line, _ parsed: inout ParsedLine)
}
