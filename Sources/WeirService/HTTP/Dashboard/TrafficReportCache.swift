import WeirLog
import WeirTraffic

/// The traffic page's recent analyses, by what they read and how: a view of a file that has not
/// changed since (same device, inode, size and modification time) with the same filters, routes
/// and range is answered from memory, and views asking for an analysis already running wait for
/// it instead of reading the file again. Holds at most ``capacity`` reports, dropping the least
/// recently shown.
actor TrafficReportCache {
    /// What an analysis read and how; equal keys give equal reports.
    struct Key: Hashable, Sendable {
        var path: String
        /// The file's device, inode, size and modification time.
        var file: FileIdentity
        /// The task's format text (`nil` to detect it), filters (sorted: they all apply), routes
        /// and the range's bounds.
        var format: String?
        var filters: [String]
        var routes: [String]
        var from: Int64?
        var to: Int64?

        /// The key of an analysis of the file at `path` now; `nil` when it cannot be read.
        init?(path: String, format: String?, filters: [String], routes: [String], from: Int64?, to: Int64?) {
            guard let file = FileIdentity(path: path) else { return nil }
            self.path = path
            self.file = file
            self.format = format
            self.filters = filters.sorted()
            self.routes = routes
            self.from = from
            self.to = to
        }
    }

    /// How a view's report was had.
    enum Outcome: String, CaseIterable, Sendable {
        /// The file was read for it.
        case analysed
        /// From memory: the file had not changed since.
        case cached
        /// It waited for the same analysis, already running for another view.
        case joined
    }

    let capacity: Int
    private var reports: [Key: AnalyzeReport] = [:]
    /// Keys from the least recently shown to the most.
    private var order: [Key] = []
    private var running: [Key: Task<AnalyzeReport, any Error>] = [:]

    init(capacity: Int = 8) {
        self.capacity = capacity
    }

    /// The report for `key`: remembered, joined, or made by `analyse` (which may return without
    /// running, throwing, when the caller must refuse the view instead).
    func report(
        for key: Key,
        analyse: @escaping @Sendable () async throws -> AnalyzeReport
    ) async throws -> (report: AnalyzeReport, outcome: Outcome) {
        if let report = reports[key] {
            remember(key, report)
            return (report, .cached)
        }
        if let analysis = running[key] { return (try await analysis.value, .joined) }
        let analysis = Task { try await analyse() }
        running[key] = analysis
        defer { running[key] = nil }
        let report = try await analysis.value
        remember(key, report)
        return (report, .analysed)
    }

    private func remember(_ key: Key, _ report: AnalyzeReport) {
        order.removeAll { $0 == key }
        order.append(key)
        reports[key] = report
        while order.count > capacity { reports[order.removeFirst()] = nil }
    }
}
