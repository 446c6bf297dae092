/// What `weir detect` does with a series: one scored row per point, and how the method was chosen.
public struct SeriesDetection {
    public var points: [ScoredPoint] = []
    /// The method that scored the last point.
    public var finalChoice: MethodChoice
    public var period: Int
    /// With `auto`: each time the choice was revised.
    public var revisions: [ModelRevision] = []

    /// Scores `values` in order. `method == nil` is `auto`: the expert system (`selector`),
    /// revised as the history grows. A named method uses its defaults with `params` on top.
    /// `spikes`: lone spikes score 1 (``DetectionPipeline``).
    public init(
        _ values: [Double],
        bucketSeconds: Int?,
        method: MethodName?,
        params: [String: Double],
        selector: ModelSelector = ModelSelector(),
        spikes: Bool = false
    ) throws(DetectionError) {
        if let method {
            let choice = try MethodChoice(name: method, overrides: params)
            let period =
                method.isSeasonal && choice["period"] == 0
                ? Self.period(values, bucketSeconds) : Int(choice["period"].isNaN ? 0 : choice["period"])
            let pipeline = DetectionPipeline(choice, period: period, spikes: spikes)
            points = pipeline.scoreAll(values)
            finalChoice = choice
            self.period = pipeline.period
        } else {
            let auto = try AutoDetector(selector: selector, bucketSeconds: bucketSeconds, fixed: params, spikes: spikes)
            points = values.map(auto.score)
            finalChoice = auto.current
            period = auto.currentPeriod
            revisions = auto.revisions
        }
    }

    /// A season for a seasonal method given by name without one: a day of buckets when the
    /// spacing is known, otherwise the strongest autocorrelation in the first 2,000 points
    /// (the first stretch only, so as not to look far ahead), otherwise 24.
    static func period(_ values: [Double], _ bucketSeconds: Int?) -> Int {
        let day = SeriesProfile.dailyPeriod(bucketSeconds: bucketSeconds)
        if day > 0 { return day }
        let found = SeriesProfile(Array(values.prefix(2_000)), bucketSeconds: nil).period
        return found > 0 ? found : 24
    }

    /// `--explain`: the method, its parameters, and with `auto` every revision with its
    /// candidates and reason.
    public func explanation(maxCandidates: Int = 8) -> String {
        var text = "method: \(finalChoice)\(period > 0 && finalChoice.name.isSeasonal ? " period=\(period)" : "")\n"
        let alarms = points.filter(\.label).count
        let anomalous = points.filter(\.isAnomalous).count
        text += "alarms: \(alarms) (\(anomalous) points above the threshold; an incident raises one alarm)\n"
        for r in revisions {
            text += "revision at point \(r.atPoint): chose \(r.report.winner)\n  why: \(r.report.reason)\n"
            for c in r.report.candidates.prefix(maxCandidates) { text += "  candidate \(c.summary)\n" }
            if r.report.candidates.count > maxCandidates { text += "  … \(r.report.candidates.count - maxCandidates) more candidates\n" }
        }
        return text
    }
}
