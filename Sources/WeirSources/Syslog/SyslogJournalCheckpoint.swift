/// Where a task's runs stopped in a ``SyslogJournal``: the journal's identity, the segment and
/// the byte just past the last whole line read in it, and how many lines that was (so that a run
/// after the segment was dropped knows how many of its lines it never read).
package struct SyslogJournalCheckpoint: Codable, Sendable, Equatable {
    package var journal: String
    package var segment: Int
    package var offset: Int64
    package var lines: Int64

    /// Before the first line of the journal `journal`.
    package static func start(of journal: String) -> Self { Self(journal: journal, segment: 0, offset: 0, lines: 0) }
}
