/// The expert system for tasks: chooses a model from the task's minutes of traffic, and scores
/// new minutes with it.
public enum TaskModelling {
    /// Minutes of history a task keeps for choosing and warming models (two weeks).
    public static let historyMinutes = 20_160

    /// The model used before there is history enough to choose: the user's answers, else the
    /// robust default on requests and the 5xx share in one-minute buckets.
    public static func defaultModel(_ s: DetectionSettings) -> TaskModel {
        let choice = (s.method.flatMap { try? MethodChoice(name: $0, overrides: s.params) }) ?? ModelSelector.defaultChoice
        let bucket = s.bucketSeconds ?? 60
        let features = s.features ?? [.requests, .errors5xx]
        let period = SeriesProfile.dailyPeriod(bucketSeconds: bucket)
        return TaskModel(
            settings: s,
            bucketSeconds: bucket,
            features: features.map { FeatureModel(feature: $0, choice: choice, period: period, report: nil) },
            notWatched: [:],
            answers: answers(s, weirReason: "default until \(ModelSelector().minimumPoints) buckets of history"),
            historyMinutes: 0,
            fittedAt: nil
        )
    }

    /// Chooses a model from `minutes` (time order), keeping every answer the user gave.
    public static func fit(
        _ minutes: [FeatureBucket],
        settings s: DetectionSettings,
        now: Int64,
        selector: ModelSelector = ModelSelector()
    ) -> TaskModel {
        let bucket = s.bucketSeconds ?? chooseBucket(minutes)
        let series = FeatureBucket.series(minutes, seconds: bucket)
        var notWatched: [String: String] = [:]
        let features =
            s.features
            ?? TrafficFeature.allCases.filter { f in
                let values = Set(series.map { $0.value(f) })
                if values.count <= 1 {
                    notWatched[f.rawValue] = "constant over \(series.count) buckets: nothing to learn"
                    return false
                }
                return true
            }
        let models = features.map { f -> FeatureModel in
            let report = selector.select(series.map { $0.value(f) }, bucketSeconds: bucket, method: s.method, fixed: s.params)
            return FeatureModel(feature: f, choice: report.winner, period: report.period(bucketSeconds: bucket), report: report)
        }
        let reason = "chosen from \(minutes.count) minutes of this task's traffic (\(series.count) buckets of \(bucket) s)"
        return TaskModel(
            settings: s,
            bucketSeconds: bucket,
            features: models,
            notWatched: notWatched,
            answers: answers(s, weirReason: reason),
            historyMinutes: minutes.count,
            fittedAt: now
        )
    }

    /// The shortest bucket in which the median minute-aggregated request count reaches 10, so
    /// that counts are not mostly noise; an hour when none does.
    static func chooseBucket(_ minutes: [FeatureBucket]) -> Int {
        DetectionSettings.bucketChoices.first { seconds in
            RobustStatistics.median(of: FeatureBucket.series(minutes, seconds: seconds).map { Double($0.requests) }) >= 10
        } ?? 3600
    }

    static func answers(_ s: DetectionSettings, weirReason: String) -> [String: String] {
        [
            "method": s.method == nil ? "weir: \(weirReason)" : "user",
            "params": s.params.isEmpty ? "weir: \(weirReason)" : "user (the rest chosen by weir)",
            "features": s.features == nil ? "weir: \(weirReason)" : "user",
            "bucket_seconds": s.bucketSeconds == nil ? "weir: \(weirReason)" : "user",
        ]
    }

    /// Scores the buckets of `minutes` that start at or after `from` and are complete (every
    /// bucket but the last, which may still be filling), after warming each feature's detector
    /// on the buckets before. Returns one anomaly per incident and feature, and the start of the
    /// first bucket left unscored.
    public static func score(_ model: TaskModel, minutes: [FeatureBucket], from: Int64) -> (anomalies: [TrafficAnomaly], next: Int64) {
        let series = FeatureBucket.series(minutes, seconds: model.bucketSeconds)
        guard series.count >= 2 else { return ([], from) }
        let complete = series.dropLast()
        var found: [TrafficAnomaly] = []
        let length = Int64(model.bucketSeconds)
        for f in model.features {
            let pipeline = DetectionPipeline(f.choice, period: f.period)
            var current: TrafficAnomaly?
            for b in complete {
                let x = b.value(f.feature)
                let p = pipeline.score(x)
                guard b.start >= from else { continue }
                if p.label {
                    if let c = current { found.append(c) }
                    current = TrafficAnomaly(
                        feature: f.feature,
                        bucketSeconds: model.bucketSeconds,
                        first: b.start,
                        last: b.start + length - 1,
                        observed: x,
                        expectedLow: p.expectedLow,
                        expectedHigh: p.expectedHigh,
                        score: p.score,
                        method: f.choice
                    )
                } else if p.isAnomalous, var c = current {
                    c.last = b.start + length - 1
                    if p.score > c.score { (c.observed, c.score, c.expectedLow, c.expectedHigh) = (x, p.score, p.expectedLow, p.expectedHigh) }
                    current = c
                }
            }
            if let c = current { found.append(c) }
        }
        return (found.sorted { ($0.first, $0.feature.rawValue) < ($1.first, $1.feature.rawValue) }, max(from, complete.last!.start + length))
    }
}
