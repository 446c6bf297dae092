/// `--method auto` on a stream: scores from the first point with the default method, and
/// re-runs the expert system on the history seen so far each time it doubles (200, 400, 800, …
/// points), and once two days of buckets have been seen, when the bucket length is known. A new
/// choice is warmed up on the same past points before it scores the next one, so no score ever
/// depends on a later point.
public final class AutoDetector {
    public let selector: ModelSelector
    public let bucketSeconds: Int?
    public let method: MethodName?
    public let fixed: [String: Double]
    /// Whether lone spikes score 1 (``DetectionPipeline``'s `spikes`).
    public let spikes: Bool
    public private(set) var revisions: [ModelRevision] = []
    private var history: [Double] = []
    private var pipeline: DetectionPipeline
    private var nextRevision: Int

    public init(
        selector: ModelSelector = ModelSelector(),
        bucketSeconds: Int?,
        method: MethodName? = nil,
        fixed: [String: Double] = [:],
        spikes: Bool = false
    ) throws(DetectionError) {
        self.selector = selector
        self.bucketSeconds = bucketSeconds
        self.method = method
        self.fixed = fixed
        self.spikes = spikes
        let first = try MethodChoice(name: method ?? ModelSelector.defaultChoice.name, overrides: fixed)
        pipeline = DetectionPipeline(first, period: SeriesProfile.dailyPeriod(bucketSeconds: bucketSeconds), spikes: spikes)
        nextRevision = selector.minimumPoints
        seasonCheck = SeriesProfile.dailyPeriod(bucketSeconds: bucketSeconds) * 2 + selector.minimumPoints / 2
    }

    /// Two days and a little more of buckets: the first moment a daily season can be measured.
    private let seasonCheck: Int

    /// The choice scoring now.
    public var current: MethodChoice { pipeline.choice }
    public var currentPeriod: Int { pipeline.period }

    public func score(_ x: Double) -> ScoredPoint {
        if history.count == nextRevision || history.count == seasonCheck { revise() }
        history.append(x)
        return pipeline.score(x)
    }

    private func revise() {
        if history.count == nextRevision { nextRevision *= 2 }
        let report = selector.select(history, bucketSeconds: bucketSeconds, method: method, fixed: fixed, incumbent: pipeline.choice)
        revisions.append(ModelRevision(atPoint: history.count, report: report))
        let period = report.period(bucketSeconds: bucketSeconds)
        guard report.winner != pipeline.choice || period != pipeline.period else { return }
        let replacement = DetectionPipeline(report.winner, period: period, spikes: spikes)
        for v in history.suffix(selector.maximumPoints) { _ = replacement.score(v) }
        pipeline = replacement
    }
}
