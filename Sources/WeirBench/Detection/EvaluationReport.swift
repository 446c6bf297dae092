import Foundation
import WeirDetect
import WeirGenerator
import WeirLog

/// The evaluation table: per series and method, anomalies caught, median delay, false alarms per
/// 1,000 points and F1; then, per series, `auto` against the best single method.
public struct EvaluationReport: Sendable {
    public var rows: [EvaluationRow]

    public init(rows: [EvaluationRow]) { self.rows = rows }

    /// Series on which `auto`'s F1 is at least 90% of the best single method's.
    public var autoWithinTenPercent: (met: Int, of: Int) {
        let series = Dictionary(grouping: rows, by: \.series)
        let met = series.values.filter { group in
            let best = group.filter { $0.method != "auto" }.map(\.score.f1).max() ?? 0
            let auto = group.first { $0.method == "auto" }?.score.f1 ?? 0
            return auto >= 0.9 * best - 1e-9
        }.count
        return (met, series.count)
    }

    public func render() -> String {
        var text = pad("series", 12) + pad("method", 14) + pad("caught", 9) + pad("delay", 7) + pad("FA/1000", 9) + "F1\n"
        var order: [String] = []
        for r in rows where !order.contains(r.series) { order.append(r.series) }
        for name in order {
            for r in rows where r.series == name {
                let s = r.score
                let delay = s.delays.isEmpty ? "-" : String(format: "%.0f", s.medianDelay)
                text +=
                    pad(r.series, 12) + pad(r.method, 14) + pad("\(s.caught)/\(s.anomalies)", 9) + pad(delay, 7)
                    + pad(String(format: "%.2f", s.falseAlarmsPerThousand), 9) + String(format: "%.2f", s.f1) + "\n"
            }
        }
        text += "\nper method over all series:\n"
        for method in MethodName.allCases.map(\.rawValue) + ["auto"] {
            let total = rows.filter { $0.method == method }.reduce(EventScore.empty) { $0 + $1.score }
            let delay = total.delays.isEmpty ? "-" : String(format: "%.0f", total.medianDelay)
            text +=
                pad(method, 14) + "caught " + pad(String(format: "%.0f%%", total.recall * 100), 6) + "median delay " + pad(delay, 4)
                + "FA/1000 " + pad(String(format: "%.2f", total.falseAlarmsPerThousand), 7) + "F1 " + String(format: "%.2f", total.f1) + "\n"
        }
        let auto = rows.filter { $0.method == "auto" }.reduce(EventScore.empty) { $0 + $1.score }
        text += "auto caught per kind:"
        for kind in AnomalyKind.allCases.map(\.rawValue) where auto.anomaliesByKind[kind] != nil {
            text += " \(kind) \(auto.caughtByKind[kind] ?? 0)/\(auto.anomaliesByKind[kind] ?? 0)"
        }
        text += "\n\nauto against the best single method (F1) per series:\n"
        for name in order {
            let group = rows.filter { $0.series == name }
            guard let best = group.filter({ $0.method != "auto" }).max(by: { $0.score.f1 < $1.score.f1 }),
                let auto = group.first(where: { $0.method == "auto" })
            else { continue }
            let ratio = best.score.f1 > 0 ? auto.score.f1 / best.score.f1 : 1
            text +=
                pad(name, 12) + "best " + pad("\(best.method) \(String(format: "%.2f", best.score.f1))", 20)
                + "auto " + pad(String(format: "%.2f", auto.score.f1), 6) + String(format: "ratio %.2f", ratio)
                + (ratio >= 0.9 - 1e-9 ? "" : "  (below 0.90)") + "\n"
        }
        let (met, of) = autoWithinTenPercent
        text += "auto within 10% of the best single method on \(met) of \(of) series\n"
        return text
    }

    private func pad(_ s: String, _ width: Int) -> String {
        s.count >= width ? s + " " : s + String(repeating: " ", count: width - s.count)
    }
}
