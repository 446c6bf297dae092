import WeirCore

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

    /// Detectors start afresh at fixed instants, every week from the Unix epoch, and score the
    /// buckets of one week after warming on the week before. A bucket's score then depends only
    /// on the buckets since the start of the week before it, never on where a run began, so that
    /// scoring a task's minutes in one run or in many gives the same anomalies.
    public static let epochSeconds: Int64 = 7 * 86_400

    /// The epoch length for buckets of `bucketSeconds`: a week, rounded up to whole buckets.
    public static func epochLength(bucketSeconds: Int) -> Int64 {
        let length = Int64(max(bucketSeconds, 60))
        return (epochSeconds + length - 1) / length * length
    }

    /// The first instant whose minutes scoring buckets from `from` on needs: the start of the
    /// epoch before `from`'s.
    public static func warmStart(from: Int64, bucketSeconds: Int) -> Int64 {
        let e = epochLength(bucketSeconds: bucketSeconds)
        return (from.floorDivided(by: e) - 1) * e
    }

    /// Scores the complete buckets of `minutes` (those that end by `before`) from `from` on (or
    /// from the first when `nil`); `minutes` must go back to ``warmStart(from:bucketSeconds:)``.
    /// Each epoch's buckets are scored by detectors warmed on the epoch before. Returns one
    /// anomaly per incident and feature: those that reach `from` or later (marked
    /// ``TrafficAnomaly/continued`` when they began before it), and the end of the last bucket
    /// scored.
    public static func score(
        _ model: TaskModel,
        minutes: [FeatureBucket],
        from: Int64?,
        before: Int64
    ) -> (
        anomalies: [TrafficAnomaly], next: Int64?
    ) {
        let length = Int64(max(model.bucketSeconds, 60))
        let complete = FeatureBucket.series(minutes, seconds: model.bucketSeconds).prefix { $0.start <= before - length }
        guard let first = from ?? complete.first?.start, let last = complete.last, last.start >= first else { return ([], from) }
        var found: [TrafficAnomaly] = []
        for (start, span) in epochs(of: complete, from: first, bucketSeconds: model.bucketSeconds) {
            for f in model.features {
                found += anomalies(f, in: span, scoredFrom: start, bucketSeconds: model.bucketSeconds).filter { $0.last >= first }
            }
        }
        for i in found.indices { found[i].continued = found[i].first < first }
        return (found.sorted { ($0.first, $0.feature.rawValue) < ($1.first, $1.feature.rawValue) }, last.start + length)
    }

    /// The range each bucket of `minutes` from `from` on was expected in, per feature of the
    /// model, by the same detectors, epochs and warm-up as ``score(_:minutes:from:before:)``
    /// (the dashboard draws it as a band); `minutes` must go back to
    /// ``warmStart(from:bucketSeconds:)``. The last bucket may be incomplete.
    public static func expectedRanges(_ model: TaskModel, minutes: [FeatureBucket], from: Int64) -> [TrafficFeature: [ExpectedRange]] {
        let buckets = FeatureBucket.series(minutes, seconds: model.bucketSeconds)
        var ranges: [TrafficFeature: [ExpectedRange]] = [:]
        for (start, span) in epochs(of: buckets, from: from, bucketSeconds: model.bucketSeconds) {
            for f in model.features {
                scored(f, span, from: max(start, from)) { b, _, p in
                    ranges[f.feature, default: []].append(ExpectedRange(start: b.start, low: p.expectedLow, high: p.expectedHigh))
                }
            }
        }
        return ranges
    }

    /// How each feature of the model scored the last bucket of `minutes` (complete or not), by
    /// the same detectors, epochs and warm-up as ``score(_:minutes:from:before:)``, with the
    /// state of the likelihood behind the score; `minutes` must go back to
    /// ``warmStart(from:bucketSeconds:)`` of the last bucket.
    public static func latestScores(_ model: TaskModel, minutes: [FeatureBucket]) -> [LatestScore] {
        let buckets = FeatureBucket.series(minutes, seconds: model.bucketSeconds)
        guard let last = buckets.last, let (start, span) = epochs(of: buckets, from: last.start, bucketSeconds: model.bucketSeconds).last else {
            return []
        }
        return model.features.compactMap { f in
            var latest: (FeatureBucket, Double, ScoredPoint)?
            let pipeline = scored(f, span, from: start) { latest = ($0, $1, $2) }
            guard let (b, x, p) = latest else { return nil }
            return LatestScore(
                feature: f.feature,
                bucketStart: b.start,
                observed: x,
                score: p.score,
                isAnomalous: p.isAnomalous,
                expectedLow: p.expectedLow,
                expectedHigh: p.expectedHigh,
                likelihood: pipeline.likelihoodState
            )
        }
    }

    /// The epochs of `buckets` from `from`'s to the last bucket's: each one's start, and its
    /// buckets after those of the epoch before, which only warm the detectors.
    static func epochs<Buckets: BidirectionalCollection<FeatureBucket>>(
        of buckets: Buckets,
        from: Int64,
        bucketSeconds: Int
    ) -> [(start: Int64, span: Buckets.SubSequence)] {
        guard let last = buckets.last else { return [] }
        let e = epochLength(bucketSeconds: bucketSeconds)
        var epochs: [(start: Int64, span: Buckets.SubSequence)] = []
        var epoch = from.floorDivided(by: e)
        while epoch * e <= last.start {
            epochs.append((epoch * e, buckets.drop { $0.start < (epoch - 1) * e }.prefix { $0.start < (epoch + 1) * e }))
            epoch += 1
        }
        return epochs
    }

    /// Scores `buckets` with a new pipeline of `f`'s method and hands on each bucket from
    /// `scoredFrom` on with its value and score; the buckets before only warm the pipeline.
    /// Returns the pipeline as the last bucket left it.
    @discardableResult
    static func scored(
        _ f: FeatureModel,
        _ buckets: some Sequence<FeatureBucket>,
        from scoredFrom: Int64,
        _ body: (FeatureBucket, Double, ScoredPoint) -> Void
    ) -> DetectionPipeline {
        let pipeline = DetectionPipeline(f.choice, period: f.period, spikes: true)
        for b in buckets {
            let x = b.value(f.feature)
            let p = pipeline.score(x)
            if b.start >= scoredFrom { body(b, x, p) }
        }
        return pipeline
    }

    /// One feature's anomalies among `buckets` from `scoredFrom` on, the buckets before only
    /// warming the detector.
    static func anomalies(_ f: FeatureModel, in buckets: some Sequence<FeatureBucket>, scoredFrom: Int64, bucketSeconds: Int) -> [TrafficAnomaly] {
        let length = Int64(max(bucketSeconds, 60))
        var found: [TrafficAnomaly] = []
        var current: TrafficAnomaly?
        scored(f, buckets, from: scoredFrom) { b, x, p in
            if p.label {
                if let c = current { found.append(c) }
                current = TrafficAnomaly(
                    feature: f.feature,
                    bucketSeconds: bucketSeconds,
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
        return found
    }
}
