import Foundation
import WeirLog
import WeirModel
import WeirRules

/// Appends findings, one line each, to `<WEIR_LOG_DIR>/<task id>-<task name>/<rule>.log`, for
/// operators who read logs rather than the API (and for fail2ban-style tools that tail them).
public struct FindingLog: Sendable {
    public let directory: String

    public init(directory: String) {
        self.directory = directory
    }

    /// The folder of a task's logs; the name is reduced to characters safe in a file name.
    public func folder(for task: MonitoringTask) -> String {
        let safe = String(task.name.map { $0.isLetter || $0.isNumber || "._-".contains($0) ? $0 : "_" }.prefix(80))
        return "\(directory)/\(task.id)-\(safe)"
    }

    /// Appends the findings of one run.
    public func append(_ findings: [RuleFinding], task: MonitoringTask, runID: Int64) throws {
        guard !findings.isEmpty else { return }
        let folder = folder(for: task)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var byRule: [String: String] = [:]
        for f in findings { byRule[f.rule, default: ""] += Self.line(f, runID: runID) }
        for (rule, text) in byRule {
            let path = "\(folder)/\(rule).log"
            if !FileManager.default.fileExists(atPath: path) { FileManager.default.createFile(atPath: path, contents: nil) }
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
            defer { try? handle.close() }
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(text.utf8))
        }
    }

    static func line(_ f: RuleFinding, runID: Int64) -> String {
        var parts = ["\(Timestamps.rfc3339(f.first))", "rule=\(f.rule)"]
        if let client = f.client { parts.append("client=\(client)") }
        parts.append("peak=\(f.peak)")
        if let w = f.windowSeconds, let l = f.limit { parts.append("window=\(w)s limit=\(l)") }
        parts.append("first=\(Timestamps.rfc3339(f.first)) last=\(Timestamps.rfc3339(f.last)) run=\(runID)")
        parts.append("message=\"\(f.message)\"")
        return parts.joined(separator: " ") + "\n"
    }
}
