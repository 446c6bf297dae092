/// Counts over a reader's lines that do not depend on the lines' order, so that a reader with
/// parsing threads (``PipelinedLogReader``) can make them there, a tally per chunk, and add the
/// chunks' tallies up in input order on the consumer's thread; a reader without makes them on its
/// own thread as the lines go by. Either way the result is the tally of exactly the lines the
/// consumer was handed, and the consumer's own thread spends next to nothing on it.
/// (`SendableMetatype`: parsing threads make tallies of the type.)
public protocol LineTally: SendableMetatype {
    /// What a parsing thread makes an empty tally from, for one chunk.
    associatedtype Recipe: Sendable
    /// The recipe of an empty tally like this one.
    var recipe: Recipe { get }
    /// An empty tally. A parsing thread makes one and copies it for each chunk it parses, so
    /// copies may share what a tally remembers from line to line (a cache of answers, as a
    /// class), which ``append(_:)`` must then not touch: the thread goes on using it.
    init(recipe: Recipe)
    /// Counts one line, well-formed or not (`line.failure`).
    mutating func add(_ line: LogReader.Line, _ parsed: ParsedLine)
    /// Adds the tally of the lines that follow those this one counted.
    mutating func append(_ later: Self)
}

/// The tally of a reader whose consumer keeps none.
public struct NoLineTally: LineTally, Sendable {
    public var recipe: Void { () }
    public init(recipe: Void) {}
    @inline(__always) public mutating func add(_ line: LogReader.Line, _ parsed: ParsedLine) {}
    public mutating func append(_ later: Self) {}
}
