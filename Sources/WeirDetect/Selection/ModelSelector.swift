import WeirCore

/// The expert system for one series: injects synthetic anomalies of every kind into held-out
/// stretches of the series' own history, runs every candidate method and hyper-parameter set
/// over it, and keeps the one with the best utility (NAB's reward per anomaly: early detection in
/// its window earns up to 1, a miss costs 1, a false alarm 0.11, false alarms counted at the rate
/// they would come between real anomalies `pointsPerAnomaly` apart), preferring the simpler
/// method when two are within `tieMargin`. False alarms are counted twice over: on the copies,
/// and on the history as it is (a candidate's alarms there that most candidates do not share:
/// ``HistoryConsensus``), since anomalies injected every 80 to 200 points widen the anomaly
/// likelihood's idea of normal and hide a detector's noise on the copies.
public struct ModelSelector: Sendable {
    /// Histories shorter than this get the default method.
    public var minimumPoints = 200
    /// Candidates within this much utility of the best are a tie, won by the simpler method.
    public var tieMargin = 0.02
    /// Points of history considered (the most recent): two days of minute buckets, ten of
    /// five-minute ones. Five trials of these choose more steadily than three of a longer history,
    /// for less work: what the choice costs on real series is mostly its variance across trials.
    public var maximumPoints = 3_000
    /// Copies of the history, each with its own anomalies, every candidate is scored on; each is
    /// also run on the history as it is, where the alarms it alone raises count as false.
    public var trials = 5
    /// Points between two real anomalies, as the objective assumes: each candidate's false alarms
    /// per point are priced as if real anomalies came this far apart (trials inject one every 80
    /// to 200 points). 1,000, chosen by cross-validation over the Numenta benchmark's development
    /// half (`weir detect-eval --nab DIR --folds 3`): against 4,000 (its labelled windows' rate,
    /// about one per 3,100 points), the folds' training sets chose 1,000 in 11 of 12 choices over
    /// four draws of injected anomalies. For minute buckets it is one incident in under a day.
    public var pointsPerAnomaly = 1_000.0
    public var seed: UInt64 = 0x5745_4952

    public init() {}

    /// The method used until there is enough history: the ensemble (level and recent change).
    public static let defaultChoice = try! MethodChoice(name: .ensemble)

    /// Chooses for `history`. `method` and `fixed` are the user's answers to the first two
    /// questions: when set, only that method, or only the other parameters, are searched.
    /// `incumbent`, the choice in use, is kept while it stays within the tie margin of the best,
    /// so that a revision changes the model only for a clear gain.
    public func select(
        _ history: [Double],
        bucketSeconds: Int?,
        method: MethodName? = nil,
        fixed: [String: Double] = [:],
        incumbent: MethodChoice? = nil
    ) -> SelectionReport {
        let values = Array(history.suffix(maximumPoints))
        var profile = SeriesProfile(values, bucketSeconds: bucketSeconds)
        // A daily season cannot be measured before two days, but it can be tried after one.
        let day = SeriesProfile.dailyPeriod(bucketSeconds: bucketSeconds)
        if profile.period == 0, day > 0, values.count >= day + minimumPoints {
            profile.period = day
        }
        let candidates = Self.candidates(method: method, fixed: fixed, period: profile.period)
        guard values.count >= minimumPoints, candidates.count > 1 else {
            let winner =
                candidates.count == 1
                ? candidates[0]
                : method.flatMap { try? MethodChoice(name: $0, overrides: fixed) } ?? Self.defaultChoice
            return SelectionReport(
                winner: winner,
                profile: profile,
                candidates: [],
                reason: candidates.count == 1
                    ? "the user fixed \(winner); nothing left to choose"
                    : "only \(values.count) points of history (\(minimumPoints) needed to compare methods): \(winner) until then"
            )
        }
        let trialSeries = makeTrials(values, profile: profile)
        let consensus = HistoryConsensus(candidates, values: values, period: profile.period)
        let warm = Self.warmup(values.count, profile: profile)
        var results: [CandidateResult] = candidates.indices.map { index in
            let choice = candidates[index]
            let onTrials = trialSeries.reduce(EventScore.empty) { $0 + score(choice, on: $1, period: profile.period) }
            let onHistory = EventScore(alarms: consensus.ownAlarms(of: index), anomalies: [], tolerance: 0, scoredFrom: warm, points: values.count)
            return CandidateResult(choice, trials: onTrials, history: onHistory, pointsPerAnomaly: pointsPerAnomaly)
        }
        results.sort { $0.utility > $1.utility }
        let best = results[0].utility
        // Among ties: the simplest method (a method that models the season counts as simplest
        // when the season is strong and measured), then its most conservative threshold (a short
        // history cannot show a low false-alarm rate), then the best utility.
        func rank(_ c: CandidateResult) -> (Int, Double, Double) {
            let seasonFirst = c.choice.name.isSeasonal && profile.seasonalStrength >= 0.8
            return (c.choice.name.complexity - (seasonFirst ? 100 : 0), -c.choice["k"], -c.utility)
        }
        let tied = results.filter { $0.utility >= best - tieMargin }
        let winner = tied.first { $0.choice == incumbent } ?? tied.min { rank($0) < rank($1) }!
        return SelectionReport(
            winner: winner.choice,
            profile: profile,
            candidates: results,
            reason: reason(winner, results, profile, kept: winner.choice == incumbent)
        )
    }

    struct Trial {
        var values: [Double]
        var anomalies: [InjectedAnomaly]
        var scoredFrom: Int
    }

    /// How `choice`'s alarms on `trial` find its anomalies (an alarm up to 10 points after one's
    /// end still finds it), and how many are false.
    func score(_ choice: MethodChoice, on trial: Trial, period: Int) -> EventScore {
        EventScore(
            alarms: DetectionPipeline(choice, period: period).alarms(trial.values),
            anomalies: trial.anomalies,
            tolerance: 10,
            scoredFrom: trial.scoredFrom,
            points: trial.values.count
        )
    }

    /// Points at the start of a history of `count` points that are not scored: a season and a
    /// little more, at least 60, at most half.
    static func warmup(_ count: Int, profile: SeriesProfile) -> Int {
        min(max(60, profile.period + 20), count / 2)
    }

    /// Copies of the history with anomalies of every kind injected after a warm-up stretch: the
    /// short events, a shift to a level that persists and a dropout to zero, as real series show
    /// them.
    func makeTrials(_ values: [Double], profile: SeriesProfile) -> [Trial] {
        let warm = Self.warmup(values.count, profile: profile)
        let spacing = max(80, min(200, (values.count - warm) / 6))
        var random = SeededRandom(seed: seed ^ UInt64(values.count))
        return (0..<trials).map { _ in
            var copy = values
            let placed = AnomalyInjector.injectAll(
                into: &copy,
                from: warm,
                spacing: spacing,
                noise: profile.noise,
                kinds: AnomalyKind.allCases,
                strengths: 0.7...1.3,
                random: &random
            )
            return Trial(values: copy, anomalies: placed, scoredFrom: warm)
        }
    }

    func reason(_ winner: CandidateResult, _ results: [CandidateResult], _ p: SeriesProfile, kept: Bool) -> String {
        let season =
            p.period == 0
            ? "no season"
            : p.seasonalStrength == 0
                ? "a daily season of \(p.period) points assumed (too short to measure)"
                : "a season of \(p.period) points (autocorrelation \(CandidateResult.round(p.seasonalStrength)))"
        var text =
            "history of \(p.points) points with \(season); injected spikes, drops, level shifts, ramps, floods, error bursts, persistent shifts and dropouts; "
        text += "\(winner.summary)"
        if kept, let top = results.first, top.choice != winner.choice {
            text += "; kept: the best, \(top.choice) (utility \(CandidateResult.round(top.utility))), is within the tie margin \(tieMargin)"
        } else if let top = results.first, top.choice != winner.choice {
            text +=
                "; preferred to the more complex \(top.choice) (utility \(CandidateResult.round(top.utility))), within the tie margin \(tieMargin)"
        } else if let runnerUp = results.first(where: { $0.choice.name != winner.choice.name }) {
            text += "; best other method: \(runnerUp.choice) at utility \(CandidateResult.round(runnerUp.utility))"
        }
        return text
    }

    /// Every candidate: each method (or the user's), each combination of its grid values,
    /// with the user's fixed parameters kept. Seasonal methods only when there is a season
    /// (`period` > 0), with that period unless the user fixed one.
    public static func candidates(method: MethodName?, fixed: [String: Double], period: Int) -> [MethodChoice] {
        let methods = method.map { [$0] } ?? MethodName.allCases.filter { period > 0 || !$0.isSeasonal }
        return methods.flatMap { name -> [MethodChoice] in
            var start = fixed
            if name.isSeasonal, (fixed["period"] ?? 0) == 0, period > 0 { start["period"] = Double(period) }
            var combos: [[String: Double]] = [start]
            for spec in MethodCatalogue.description(of: name).parameters where start[spec.name] == nil && !spec.grid.isEmpty {
                combos = combos.flatMap { combo in spec.grid.map { combo.merging([spec.name: $0]) { a, _ in a } } }
            }
            return combos.compactMap { try? MethodChoice(name: name, overrides: $0) }
        }
    }
}
