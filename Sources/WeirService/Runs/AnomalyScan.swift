import WeirCore
import WeirDetect
import WeirLog
import WeirModel
import WeirRules

/// The anomaly-detection part of a run: merges the run's minutes of traffic with the stored
/// ones, scores the complete buckets not scored yet with the task's model (or the default model
/// until the expert system has chosen one), and turns each incident into an `anomaly` finding.
/// Everything it returns is committed with the run, in one transaction. With the minutes a run
/// leaves open carried to the next (``CarriedMinutes``) and detectors that restart at fixed
/// instants (``TaskModelling/score(_:minutes:from:before:)``), the minutes, the anomalies and
/// their incidents do not depend on where runs end.
enum AnomalyScan {
    struct Result {
        var findings: [RuleFinding] = []
        /// The run's minutes, merged with the stored minutes of the same start.
        var minutes: [FeatureBucket] = []
        var scoredThrough: Int64?
        /// The burst keys of anomalies that extend an earlier run's finding.
        var continued: Set<String> = []
    }

    /// - Parameter latest: the latest request time counted, in this run or the runs before.
    static func run(
        task: MonitoringTask,
        settings: DetectionSettings,
        measured: [MeasuredMinute],
        latest: Int64,
        store: any WeirStore
    )
        async throws -> Result
    {
        guard let earliest = measured.first?.bucket.start, latest > Int64.min / 2 else { return Result() }
        let stored = try await store.model(taskID: task.id)
        let model = StoredModel.inUse(stored, for: settings)
        let from = try await store.scoredThrough(taskID: task.id)
        let warm = TaskModelling.warmStart(from: from ?? earliest, bucketSeconds: model.bucketSeconds)
        let history = try await store.trafficMinutes(taskID: task.id, since: min(warm, earliest))
        var byStart = Dictionary(history.map { ($0.start, $0) }, uniquingKeysWith: { a, _ in a })
        var merged: [FeatureBucket] = []
        for m in measured {
            let stored = m.replacesStored ? nil : byStart[m.bucket.start]
            let combined = stored.map { $0.merged(with: m.bucket) } ?? m.bucket
            byStart[m.bucket.start] = combined
            merged.append(combined)
        }
        let all = byStart.values.filter { $0.start >= warm }.sorted { $0.start < $1.start }
        let before = latest - FeatureAccumulator.disorderSeconds
        let (anomalies, next) = TaskModelling.score(model, minutes: all, from: from, before: before)
        let findings = anomalies.map(finding)
        let continued = Set(zip(anomalies, findings).filter { $0.0.continued }.map { $0.1.burstKey })
        return Result(findings: findings, minutes: merged, scoredThrough: next, continued: continued)
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
