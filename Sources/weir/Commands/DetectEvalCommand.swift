import ArgumentParser
import Foundation
import WeirBench
import WeirDetect

/// `weir detect-eval`: the detectors' quality on the evaluation corpus, and their speed.
struct DetectEvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "detect-eval",
        abstract: "Scores every detection method and auto on a generated, labelled corpus, and times them.",
        discussion: """
            The corpus has flat, daily and weekly seasonal, trending, noisy, sparse and long series \
            with spikes, drops, level shifts, ramps, floods and error bursts of random sizes at known \
            places. Split 0 is for development; split 1 (the default) is held out. Build with \
            -c release for the speed figures.
            """,
        shouldDisplay: false
    )

    @Option(help: "Corpus split: 0 for development, 1 held out.")
    var split: UInt64 = 1

    @Option(help: "Series per shape.")
    var perShape = 2

    @Flag(help: "Also time each method (points/s) and the expert system on a week of minute buckets.")
    var speed = false

    @Option(
        help: ArgumentHelp(
            "Instead, score a NAB-layout directory (data/CATEGORY/FILE.csv, labels/combined_windows.json) with NAB's rules.",
            valueName: "DIR"
        )
    )
    var nab: String?

    @Option(help: ArgumentHelp("With --nab: auto, or a method name from `weir detect --list`.", valueName: "auto|NAME"))
    var method: MethodOption = .auto

    @Option(name: .customLong("param"), help: ArgumentHelp("With --nab: a hyper-parameter of --method NAME (repeatable).", valueName: "KEY=NUMBER"))
    var params: [ParameterSetting] = []

    @Option(
        help: ArgumentHelp(
            "With --nab and auto: the seed of the expert system's injected anomalies (default: Weir's own). Scores under a few seeds show how much auto's choices owe to the draw.",
            valueName: "N"
        )
    )
    var seed: UInt64?

    @Option(
        help: ArgumentHelp(
            "With --nab: cross-validate over K folds of the files (each category dealt in turn): every choice among auto's variants and ensemble, and the oracle threshold, is made on K-1 folds and scored on the K-th; prints the held-out scores beside the in-sample ones.",
            valueName: "K"
        )
    )
    var folds: Int?

    @Option(help: "With --nab: series scored at once (default: every core).")
    var jobs = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: ArgumentHelp("Also write each series as DIR/NAME.csv (timestamp,value,is_anomaly) for other tools.", valueName: "DIR"))
    var export: String?

    func validate() throws {
        if let folds {
            guard nab != nil else { throw ValidationError("--folds applies to --nab DIR only") }
            guard (2...10).contains(folds) else { throw ValidationError("--folds takes 2 to 10 folds, got \(folds)") }
            guard method.method == nil, params.isEmpty else {
                throw ValidationError("--folds chooses among auto's variants and ensemble itself: leave out --method and --param")
            }
        }
        guard nab == nil else { return }
        if seed != nil || !params.isEmpty || method.method != nil {
            throw ValidationError("--method, --param and --seed apply to --nab DIR only: add --nab, or leave them out to score the generated corpus")
        }
    }

    func run() throws {
        if let nab {
            let corpus = try NABCorpus.load(nab)
            if let folds {
                let configurations = NABCrossValidation.Configuration.standardSet(seed: seed)
                print(try NABCrossValidation(corpus, folds: folds, configurations: configurations, jobs: jobs).render(), terminator: "")
                return
            }
            var selector = ModelSelector()
            if let seed { selector.seed = seed }
            print(try NABEvaluation(corpus, method: method.method, params: params.byKey, selector: selector, jobs: jobs).render(), terminator: "")
            return
        }
        let corpus = EvaluationCorpus.series(split: split, perShape: perShape)
        if let export {
            for s in corpus {
                let path = URL(fileURLWithPath: export).appendingPathComponent("\(s.name).csv").path
                guard FileManager.default.createFile(atPath: path, contents: Data(s.csv().utf8)) else {
                    throw ValidationError("cannot write \(path): check that the folder exists and is writable")
                }
            }
        }
        print(EvaluationReport(rows: DetectorEvaluation.evaluate(corpus)).render(), terminator: "")
        guard speed else { return }
        print("\nthroughput, pipeline included (median of 3):")
        for (name, rate) in DetectorBenchmark.throughput() {
            print("  \(name.rawValue.padding(toLength: 14, withPad: " ", startingAt: 0))\(String(format: "%.2f", rate / 1e6)) M points/s")
        }
        let (seconds, report) = DetectorBenchmark.selectionSeconds()
        print(
            String(
                format: "expert system, one week of minute buckets (10,080 points, %d candidates): %.2f s, chose %@",
                report.candidates.count,
                seconds,
                report.winner.description
            )
        )
    }
}
