import Foundation
import WeirLog
import WeirRules

/// Takes the records a source reads, one line at a time.
package protocol RecordConsumer {
    mutating func consume(_ line: LogReader.Line, _ parsed: inout ParsedLine)
}
