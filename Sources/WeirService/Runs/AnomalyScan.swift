import WeirCore
import WeirDetect
import WeirLog
import WeirRules
import WeirStore

/// The anomaly-detection part of a run: merges the run's minutes of traffic with the stored
/// ones, scores the complete buckets not scored yet with the task's model (or the default model
/// until the expert system has chosen one), and turns each incident into an `anomaly` finding.
/// Everything it returns is committed with the run, in one transaction.
enum AnomalyScan {
    struct Result {
        var findings: [RuleFinding] = []
        /// The run's minutes, merged with the stored minutes of the same start.
        var minutes: [FeatureBucket] = []
        var scoredThrough: Int64?
    }

    static func run(task: MonitoringTask, settings: DetectionSettings, minutes new: [FeatureBucket], store: any WeirStore) async throws -> Result {
        guard let first = new.first else { return Result() }
        let history = try await store.trafficMinutes(taskID: task.id, since: first.start - Int64(TaskModelling.historyMinutes) * 60)
        var byStart = Dictionary(history.map { ($0.start, $0) }, uniquingKeysWith: { a, _ in a })
        var merged: [FeatureBucket] = []
        for m in new {
            let combined = byStart[m.start].map { $0.merged(with: m) } ?? m
            byStart[m.start] = combined
            merged.append(combined)
        }
        let all = byStart.values.sorted { $0.start < $1.start }
        let stored = try await store.model(taskID: task.id)
        let model = stored?.current(for: settings)?.model ?? TaskModelling.defaultModel(settings)
        let from = try await store.scoredThrough(taskID: task.id) ?? .min
        let (anomalies, next) = TaskModelling.score(model, minutes: all, from: from)
        return Result(findings: anomalies.map(finding), minutes: merged, scoredThrough: next)
    }

    static func finding(_ a: TrafficAnomaly) -> RuleFinding {
        let what = a.feature.describe(a.bucketSeconds)
        let message =
            "\(what): \(format(a.observed)) observed, expected \(format(a.expectedLow)) to \(format(a.expectedHigh)) "
            + "(score \(format(a.score)), \(a.method.name.rawValue)) between \(Timestamps.rfc3339(a.first)) and \(Timestamps.rfc3339(a.last))"
        return RuleFinding(
            rule: FindingRuleNames.anomaly,
            client: nil,
            first: a.first,
            last: a.last,
            peak: Int(saturating: a.observed.rounded()),
            windowSeconds: a.bucketSeconds,
            message: message,
            anomaly: AnomalyDetail(
                feature: a.feature.rawValue,
                bucketSeconds: a.bucketSeconds,
                observed: a.observed,
                expectedLow: a.expectedLow,
                expectedHigh: a.expectedHigh,
                score: a.score,
                method: a.method.description
            )
        )
    }

    static func format(_ v: Double) -> String {
        abs(v) >= 100 || v.rounded() == v ? DecimalText.fixed(v, places: 0) : DecimalText.trimmed(v, places: 3)
    }
}
