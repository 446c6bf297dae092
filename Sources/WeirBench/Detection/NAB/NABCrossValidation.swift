import Foundation
import WeirDetect

/// `weir detect-eval --nab DIR --folds K`: an honest figure for a choice made by looking at
/// scores. Each of several configurations of detection (``Configuration``) is run on every
/// series once; then, for each fold, the configuration with the best mean of the oracle and fixed
/// scores on the other folds is chosen, with the oracle's threshold on those folds, and the fold
/// is scored with them. The held-out folds' rows are pooled and scored with NAB's rules:
/// "fixed" with the chosen configuration's own alarms, "oracle" with alarms at the threshold chosen
/// on the other folds. Beside it, each configuration's in-sample scores on the whole directory.
public struct NABCrossValidation: Sendable {
    /// A way of detecting to choose among: a method (`nil` for auto) and the expert system's
    /// settings.
    public struct Configuration: Sendable {
        public let name: String
        public let method: MethodName?
        public let selector: ModelSelector

        public init(name: String, method: MethodName?, selector: ModelSelector = ModelSelector()) {
            self.name = name
            self.method = method
            self.selector = selector
        }

        /// The choices made while looking at the development half, each now a candidate: `auto`
        /// as it stands, its false-alarm price a quarter and four times as high, fewer and
        /// longer trials, and `ensemble` alone.
        public static func standardSet(seed: UInt64? = nil) -> [Configuration] {
            var base = ModelSelector()
            if let seed { base.seed = seed }
            var cheap = base
            cheap.pointsPerAnomaly = base.pointsPerAnomaly / 4
            var dear = base
            dear.pointsPerAnomaly = base.pointsPerAnomaly * 4
            var long = base
            long.trials = 3
            long.maximumPoints = 20_000
            return [
                Configuration(name: "auto", method: nil, selector: base),
                Configuration(name: "auto, false alarms priced x1/4", method: nil, selector: cheap),
                Configuration(name: "auto, false alarms priced x4", method: nil, selector: dear),
                Configuration(name: "auto, 3 trials of 20,000 points", method: nil, selector: long),
                Configuration(name: "ensemble", method: .ensemble, selector: base),
            ]
        }
    }

    /// One held-out fold: the configuration chosen on the others, and the oracle threshold.
    public struct Fold: Sendable {
        public let index: Int
        public let files: [String]
        public let chosen: String
        public let threshold: Double
    }

    public let configurations: [Configuration]
    public let evaluations: [NABEvaluation]
    public let folds: [Fold]
    /// Held-out scores under the standard profile, pooled over the folds.
    public let crossValidated: NABScore

    public init(_ corpus: [NABSeries], folds count: Int, configurations: [Configuration], jobs: Int) throws {
        self.configurations = configurations
        evaluations = try configurations.map {
            try NABEvaluation(corpus, method: $0.method, params: [:], selector: $0.selector, jobs: jobs)
        }
        let assignment = NABFolds.assign(corpus.map(\.name), count: count)
        let standard = NABCostProfile.standard
        var folds: [Fold] = []
        var heldOutFixed: [(series: NABSeries, scores: [Double], labels: [Bool])] = []
        var heldOutOracle: [(series: NABSeries, scores: [Double], labels: [Bool])] = []
        for k in 0..<count {
            let training = { (s: NABSeries) in assignment[s.name] != k }
            let trained = evaluations.map { $0.score(standard, include: training) }
            let best = trained.indices.max { (trained[$0].oracle + trained[$0].fixed) < (trained[$1].oracle + trained[$1].fixed) }!
            let threshold = trained[best].threshold
            let files = evaluations[best].files.filter { assignment[$0.series.name] == k }
            for f in files {
                heldOutFixed.append((f.series, f.scores, f.labels))
                heldOutOracle.append((f.series, f.scores, f.scores.map { $0 >= threshold }))
            }
            folds.append(Fold(index: k, files: files.map(\.series.name), chosen: configurations[best].name, threshold: threshold))
        }
        self.folds = folds
        let fixed = NABScorer.score(heldOutFixed, cost: standard)
        let oracle = NABScorer.score(heldOutOracle, cost: standard)
        crossValidated = NABScore(profile: standard.name, oracle: oracle.fixed, threshold: .nan, fixed: fixed.fixed)
    }

    /// The report: each configuration's in-sample scores, each fold's choice, and the
    /// cross-validated scores beside the in-sample ones of the configuration chosen most.
    public func render() -> String {
        let standard = NABCostProfile.standard
        var out = "configuration (standard profile, in-sample)   oracle   fixed  alarms  seconds\n"
        for (configuration, evaluation) in zip(configurations, evaluations) {
            let s = evaluation.score(standard)
            out += configuration.name.padding(toLength: 44, withPad: " ", startingAt: 0)
            out += String(
                format: "  %6.1f  %6.1f  %6d  %7.1f\n",
                s.oracle,
                s.fixed,
                evaluation.files.reduce(0) { $0 + $1.alarms },
                evaluation.seconds
            )
        }
        out += "\nfold  files  chosen on the other folds                 threshold\n"
        for fold in folds {
            out += String(format: "%4d  %5d  ", fold.index + 1, fold.files.count)
            out += fold.chosen.padding(toLength: 42, withPad: " ", startingAt: 0)
            out += String(format: "  %9.6f\n", fold.threshold)
        }
        out += String(
            format: "\ncross-validated (%d folds, held-out rows pooled): oracle %.1f, fixed %.1f\n",
            folds.count,
            crossValidated.oracle,
            crossValidated.fixed
        )
        return out
    }
}
