import Foundation
import WeirLog
import WeirRules

/// Takes the records a source reads, one line at a time. A consumer is used on the thread that
/// reads (``BlockingWork``), so its type must be usable there (`SendableMetatype`).
///
/// A consumer may also keep a ``tally``: counts that do not depend on the lines' order, which a
/// source makes on its parsing threads where it has them (``IncrementalFileReader``), so that
/// the consumer's own thread, which every line goes through in order, is spared them.
package protocol RecordConsumer: SendableMetatype {
    associatedtype Tally: LineTally = NoLineTally
    /// Every line handed to ``consume(_:_:)`` is added to it, by the source.
    var tally: Tally? { get set }
    mutating func consume(_ line: LogReader.Line, _ parsed: inout ParsedLine)
}

extension RecordConsumer where Tally == NoLineTally {
    package var tally: NoLineTally? {
        get { nil }
        set {}
    }
}

extension RecordConsumer {
    /// Runs `read` with the tally out of the consumer, for a reader that adds to the tally while
    /// the consumer takes the lines (the two cannot be reached through one variable at once),
    /// then puts the tally back.
    package mutating func whileTallying<Result>(_ read: (inout Tally?, inout Self) throws -> Result) rethrows -> Result {
        var tally = self.tally
        self.tally = nil
        defer { self.tally = tally }
        return try read(&tally, &self)
    }

    /// Adds the line to the tally and hands it to ``consume(_:_:)``: what a source does with each
    /// line it does not tally on parsing threads.
    @inline(__always)
    package mutating func take(_ line: LogReader.Line, _ parsed: inout ParsedLine) {
        tally?.add(line, parsed)
        consume(line, &parsed)
    }
}
