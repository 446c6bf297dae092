import Foundation
import WeirCore
import WeirLog
import WeirRules

/// A syslog listener's journal, read by a task's runs from their checkpoint to the last whole
/// line, segment after segment, each with the same reader as a log file.
package struct SyslogJournalSource: LogSource {
    package let address: SyslogAddress
    /// `nil`: recognised from the first lines read.
    package let format: LogFormat?
    /// The sending host's name as the virtual host of lines that name none.
    package let hostnameAsVhost: Bool
    /// The folder that holds one journal folder per listen address (`WEIR_SYSLOG_DIR`).
    package let root: String
    /// What keeps this process from receiving on the address, if anything: a run here would read a
    /// journal no listener writes, so it fails with that.
    package let listenerProblem: @Sendable (SyslogAddress) -> String?
    package var parsingThreads = 0
    package var pipelinedMinimum = IncrementalFileReader.pipelinedMinimum

    package init(
        address: SyslogAddress,
        format: LogFormat?,
        hostnameAsVhost: Bool,
        root: String,
        listenerProblem: @escaping @Sendable (SyslogAddress) -> String?,
        parsingThreads: Int = 0,
        pipelinedMinimum: Int64 = IncrementalFileReader.pipelinedMinimum
    ) {
        self.address = address
        self.format = format
        self.hostnameAsVhost = hostnameAsVhost
        self.root = root
        self.listenerProblem = listenerProblem
        self.parsingThreads = parsingThreads
        self.pipelinedMinimum = pipelinedMinimum
    }

    /// This address's journal.
    package var folder: String { root + "/" + address.folderName }

    package func read<C: RecordConsumer>(
        after checkpoint: String?,
        shouldStop: @escaping @Sendable () -> Bool,
        into consumer: inout C
    ) async throws -> SourceRead {
        if let problem = listenerProblem(address) { throw InputError(.notAllowed, problem) }
        let previous = try checkpoint.map { try JSONDecoder().decode(SyslogJournalCheckpoint.self, from: Data($0.utf8)) }
        let handover = Handover(value: consumer)
        let (outcome, returned) = try await BlockingWork.run { [self] in
            var local = handover.value
            let outcome = try local.whileTallying { tally, consumer in
                try readJournal(after: previous, shouldStop: shouldStop, tally: &tally) { line, parsed in consumer.consume(line, &parsed) }
            }
            return (Handover(value: outcome), Handover(value: local))
        }
        consumer = returned.value
        return outcome.value
    }

    /// Reads the journal's segments from `previous` on, adding every line to `tally` when one is given.
    func readJournal<Tally: LineTally>(
        after previous: SyslogJournalCheckpoint?,
        shouldStop: @escaping @Sendable () -> Bool,
        tally: inout Tally?,
        _ body: (LogReader.Line, inout ParsedLine) -> Void
    ) throws -> SourceRead {
        guard let identity = SyslogJournal.identity(in: folder) else {
            let kept = previous ?? .start(of: "")
            return SourceRead(checkpoint: try JSONCoding.string(kept), bytesRead: 0, notes: ["nothing has been received on \(address) yet"])
        }
        var notes: [String] = []
        var position = previous ?? .start(of: identity)
        if position.journal != identity {
            if previous?.journal.isEmpty == false {
                notes.append(
                    "the journal of \(address) in \(folder) is not the one the last run read (its folder was removed, or the task ran on another instance); it was read from its start"
                )
            }
            position = .start(of: identity)
        }
        let segments = SyslogJournal.segmentNumbers(in: folder)
        var dropped: Int64 = 0
        var bytes: Int64 = 0
        var parser: LogFormat? = format.map(prefixed)
        for number in segments where number >= position.segment {
            if number > position.segment {
                dropped += lost(from: position, before: number)
                position = SyslogJournalCheckpoint(journal: identity, segment: number, offset: 0, lines: 0)
            }
            let path = SyslogJournal.path(folder, number)
            guard let file = FileIdentity(path: path) else { continue }  // dropped while this run was listing; counted on the next segment
            if parser == nil { parser = try detectFormat(path, from: position.offset) }
            guard let format = parser else { break }  // nothing to read yet
            var lines: Int64 = 0
            let outcome = try IncrementalFileReader(path: path, format: format, parsers: parsingThreads, pipelinedMinimum: pipelinedMinimum).read(
                after: FileCheckpoint(device: file.device, inode: file.inode, offset: position.offset),
                shouldStop: shouldStop,
                tally: &tally
            ) { line, parsed in
                lines += 1
                body(line, &parsed)
            }
            position.offset = outcome.checkpoint.offset
            position.lines += lines
            bytes += outcome.bytesRead
        }
        if dropped > 0 {
            notes.append(
                "\(dropped) line\(dropped == 1 ? "" : "s") received on \(address) were dropped from its journal before this run read them: the journal was over WEIR_SYSLOG_JOURNAL_MB; run the task more often or raise the bound"
            )
        }
        return SourceRead(checkpoint: try JSONCoding.string(position), bytesRead: bytes, notes: notes, droppedLines: dropped)
    }

    /// Lines of segments from `position` up to `next` that the ledger says were dropped unread.
    private func lost(from position: SyslogJournalCheckpoint, before next: Int) -> Int64 {
        let ledger = SyslogJournal.droppedLines(in: folder)
        var lost: Int64 = 0
        for number in position.segment..<next {
            guard let lines = ledger[number] else { continue }  // not dropped: read to its end
            lost += number == position.segment ? max(0, lines - position.lines) : lines
        }
        return lost
    }

    private func prefixed(_ format: LogFormat) -> LogFormat {
        var format = format
        format.hostPrefix = hostnameAsVhost ? .virtualHost : .skipped
        return format
    }

    /// The format of the journal's lines, recognised from the first lines after `offset` without
    /// their host names; `nil` while there is no line to look at.
    private func detectFormat(_ path: String, from offset: Int64) throws -> LogFormat? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        try handle.seek(toOffset: UInt64(max(0, offset)))
        let head = try handle.read(upToCount: 1 << 16) ?? Data()
        let sample = head.withUnsafeBytes { FormatDetector.sample(of: $0) }
            .filter { $0.count > 0 }
            .map { line in Array(line.drop(while: { $0 != 0x20 }).dropFirst()) }
        guard !sample.isEmpty else { return nil }
        return prefixed(try FormatDetector.format(of: sample, source: "the lines received on \(address)"))
    }
}
