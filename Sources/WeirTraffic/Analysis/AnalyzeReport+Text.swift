import WeirCore

extension AnalyzeReport {
    /// The report as text for a terminal.
    public func renderText() -> String {
        var out: [String] = []
        let names = inputs.map { "\($0.name) (\($0.format ?? "empty"))" }.joined(separator: ", ")
        out.append("Weir analysis of \(names)")
        out.append("")
        out.append(
            "  lines      \(lines)    parsed \(parsed)    malformed \(malformed)"
                + (outsideTimeRange > 0 ? "    outside --from/--to \(outsideTimeRange)" : "")
        )
        out.append("  requests   \(requests)")
        if let first, let last { out.append("  time       \(first) → \(last)") }
        out.append("  bytes      \(bytes) total, \(Self.decimal(meanBytes)) mean")
        if let peakMinute { out.append("  peak       \(peakMinute.hits) requests/min at \(peakMinute.minute)") }
        out.append("  clients    \(distinctHosts) distinct    paths \(distinctPaths) distinct")
        out.append("")
        out.append(
            "Status classes: "
                + ["1xx", "2xx", "3xx", "4xx", "5xx", "other"].compactMap { key in
                    statusClasses[key].map { "\(key) \($0)" }
                }.joined(separator: "  ")
        )
        out.append("Status codes:   " + status.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: "  "))
        out.append(
            "Methods:        "
                + methods.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
                .map { "\($0.key) \($0.value)" }.joined(separator: "  ")
        )
        for (title, list) in [("Top sections", sections), ("Top paths", paths), ("Top client hosts", hosts)] where !list.isEmpty {
            out.append("")
            out.append("\(title):")
            let width = String(list.map(\.hits).max() ?? 0).count
            for item in list {
                let hits = String(item.hits)
                out.append("  " + String(repeating: " ", count: width - hits.count) + hits + "  " + item.name)
            }
        }
        if malformed > 0 {
            out.append("")
            out.append("Malformed lines (\(malformed); first \(malformedLines.count) shown):")
            for m in malformedLines { out.append("  \(m.file):\(m.line): \(m.reason)") }
        }
        return out.joined(separator: "\n") + "\n"
    }

    static func decimal(_ value: Double) -> String {
        DecimalText.fixed(value, places: 2)
    }
}
