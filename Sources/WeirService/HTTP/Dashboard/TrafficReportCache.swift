import WeirLog
import WeirTraffic

/// The traffic page's recent views, each with the analysis that follows its file
/// (``GrowingLogAnalysis``): a view of a file unchanged since (same device, inode, size and
/// modification time) is answered from memory, a view of a file that grew reads only the lines
/// appended, and views asking for an analysis already running wait for it instead of reading the
/// file again. A view with a range that starts later than a followed view's file begins (a range
/// moved on with the task's latest minute) takes over that analysis's counts of the stretches
/// before its start and reads from there (``GrowingLogAnalysis/handingOver(to:)``). Holds at most ``capacity`` reports, dropping the least recently shown; the
/// analyses' tables (as large as the log's distinct clients, paths and agents) are kept for the
/// ``followedCapacity`` most recently shown only, and the others read their file whole again.
actor TrafficReportCache {
    /// What a view shows; equal keys over the same file give equal reports.
    struct Key: Hashable, Sendable {
        var path: String
        /// The task's format text (`nil` to detect it), filters (sorted: they all apply), routes
        /// and the range's bounds.
        var format: String?
        var filters: [String]
        var routes: [String]
        var from: Int64?
        var to: Int64?

        init(path: String, format: String?, filters: [String], routes: [String], from: Int64?, to: Int64?) {
            self.path = path
            self.format = format
            self.filters = filters.sorted()
            self.routes = routes
            self.from = from
            self.to = to
        }
    }

    /// How a view's report was had.
    enum Outcome: String, CaseIterable, Sendable {
        /// The file was read whole for it.
        case analysed
        /// Only part of the file was read: the lines appended since the last view of it, or from
        /// where its range starts on.
        case extended
        /// From memory: the file had not changed since.
        case cached
        /// It waited for the same analysis, already running for another view.
        case joined
    }

    /// Brings a view's analysis up to date: ``GrowingLogAnalysis/update(jobs:)``, or a throw when
    /// the view must be refused instead.
    typealias Update = @Sendable (GrowingLogAnalysis) async throws -> (report: AnalyzeReport, read: GrowingLogAnalysis.Read)

    private struct Entry {
        var report: AnalyzeReport
        /// The file as it was when the report was made.
        var file: FileIdentity?
        var analysis: GrowingLogAnalysis?
    }

    let capacity: Int
    let followedCapacity: Int
    /// The stretches the analyses keep their counts by (``GrowingLogAnalysis/stretchBytes``).
    let stretchBytes: Int64
    private var entries: [Key: Entry] = [:]
    /// Keys from the least recently shown to the most.
    private var order: [Key] = []
    private var running: [Key: Task<(report: AnalyzeReport, read: GrowingLogAnalysis.Read), any Error>] = [:]

    init(capacity: Int = 8, followedCapacity: Int = 3, stretchBytes: Int64 = 4 << 20) {
        self.capacity = capacity
        self.followedCapacity = followedCapacity
        self.stretchBytes = stretchBytes
    }

    /// The report for `key`: remembered, joined, or brought up to date by `update` from the
    /// view's last analysis (a new one with `options` when there is none).
    func report(for key: Key, options: Analyzer.Options, update: @escaping Update) async throws -> (report: AnalyzeReport, outcome: Outcome) {
        if let analysis = running[key] { return (try await analysis.value.report, .joined) }
        let file = FileIdentity(path: key.path)
        if let entry = entries[key], let file, entry.file == file {
            remember(key, entry)
            return (entry.report, .cached)
        }
        let analysis =
            entries[key]?.analysis ?? handOver(to: key, options: options)
            ?? GrowingLogAnalysis(path: key.path, options: options, stretchBytes: stretchBytes)
        let work = Task { try await update(analysis) }
        running[key] = work
        defer { running[key] = nil }
        let updated = try await work.value
        remember(key, Entry(report: updated.report, file: file, analysis: analysis))
        return (updated.report, updated.read == .whole ? .analysed : .extended)
    }

    /// An analysis for `key`, a view with a range, taken over from the most recently shown view
    /// of the same file and format that keeps its analysis and is not updating it, when some of
    /// that file's stretches end before the range starts.
    private func handOver(to key: Key, options: Analyzer.Options) -> GrowingLogAnalysis? {
        guard key.from != nil else { return nil }
        for donor in order.reversed() where donor.path == key.path && donor.format == key.format && running[donor] == nil {
            if let analysis = entries[donor]?.analysis?.handingOver(to: options) { return analysis }
        }
        return nil
    }

    private func remember(_ key: Key, _ entry: Entry) {
        order.removeAll { $0 == key }
        order.append(key)
        entries[key] = entry
        while order.count > capacity { entries[order.removeFirst()] = nil }
        for old in order.dropLast(followedCapacity) { entries[old]?.analysis = nil }
    }
}
