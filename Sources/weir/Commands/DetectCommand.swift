import ArgumentParser
import Foundation
import WeirDetect

/// `weir detect`: anomaly scores for a time series.
struct DetectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "detect",
        abstract: "Scores a time series for anomalies, with the method chosen automatically or by name.",
        discussion: """
            Reads CSV with a header naming the columns timestamp and value (timestamps \
            as YYYY-MM-DD HH:MM:SS or RFC 3339; other columns are ignored) and writes \
            one row per input row: timestamp,value,anomaly_score,label. Each score is in \
            [0, 1] and uses only that row and the rows before it. After a warm-up of 388 \
            rows a score says how surprising the present is against the detector's own \
            history (its anomaly likelihood: 0.5 is a one-in-100,000 run of deviations), \
            so a change scores high when it starts and low once it is the norm; a value \
            beyond every value seen that the detector also finds deviant scores 1. A \
            score of 0.5 is the alert threshold; label is 1 where an alarm is raised: the \
            score crosses 0.5 and no alarm was raised for the same incident (the last 10 \
            points), so one incident raises one alarm. With --spikes, a lone point at \
            least five robust standard deviations from the median of the 5 before it, \
            reached by at most 1% of the last 1,440 points' deviations, scores 1 at once \
            (what a task does with its traffic features, where one flood minute is an \
            incident; off by default, as generic metrics are full of harmless spikes).

            --method auto (the default) starts with the ensemble (the level learned at \
            the start and the change over the last two points, the more severe) and, \
            each time the history doubles from 200 points, runs the expert system on the \
            rows seen so far: it injects spikes, drops, level shifts, ramps, floods, \
            error bursts, shifts that persist and dropouts to zero into five copies of \
            that history, compares every method and hyper-parameter set on them by NAB's \
            reward, with false alarms (on the copies, and those a method alone raises on \
            the history itself) priced as if real anomalies came \(Int(ModelSelector().pointsPerAnomaly)) points apart, and \
            switches to the best (the simpler on a tie). --method NAME \
            uses that method with its defaults, changed by --param. See every method and \
            parameter with --list.

            Examples:
              weir detect --input requests.csv --output scores.csv --explain
              weir detect --input rps.csv --method holt_winters --param period=1440
              weir detect --list
              
            """
    )

    @Option(help: ArgumentHelp("The series: CSV with timestamp and value columns (`-` for standard input).", valueName: "SERIES.csv"))
    var input: String?

    @Option(help: ArgumentHelp("auto, or a method name from --list.", valueName: "auto|NAME"))
    var method: MethodOption = .auto

    @Option(name: .customLong("param"), help: ArgumentHelp("A hyper-parameter of --method NAME (repeatable).", valueName: "KEY=NUMBER"))
    var params: [ParameterSetting] = []

    @Option(help: ArgumentHelp("Write the scored CSV here instead of standard output.", valueName: "OUT.csv"))
    var output: String?

    @Flag(help: "Print the method, its parameters and, with auto, the candidates compared and why, on stderr.")
    var explain = false

    @Flag(help: "Alarm at once on a lone point far beyond the recent ones, as tasks do on traffic features.")
    var spikes = false

    @Flag(help: "List every method with its hyper-parameters and exit.")
    var list = false

    func validate() throws {
        if list { return }
        guard input != nil else { throw ValidationError("give the series with --input SERIES.csv (or --list to see the methods)") }
        if method == .auto && !params.isEmpty {
            throw ValidationError("--param sets a parameter of one method; give the method with --method NAME")
        }
        if let name = method.method {
            do { _ = try MethodChoice(name: name, overrides: parameters) } catch { throw ValidationError(error.description) }
        }
    }

    /// The `--param` settings by name (a repeated key keeps its last value).
    var parameters: [String: Double] {
        params.byKey
    }

    func run() throws {
        if list {
            print(MethodCatalogue.listing, terminator: "")
            return
        }
        let text: String
        if input == "-" {
            text = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
        } else {
            guard let data = FileManager.default.contents(atPath: input!) else {
                throw DetectionError("cannot read \(input!): no such file or not readable")
            }
            text = String(decoding: data, as: UTF8.self)
        }
        let series = try SeriesCSV(text: text)
        let detection = try SeriesDetection(
            series.values,
            bucketSeconds: series.bucketSeconds,
            method: method.method,
            params: parameters,
            spikes: spikes
        )
        try write(series, detection)
        if explain { FileHandle.standardError.write(Data(detection.explanation().utf8)) }
    }

    private func write(_ series: SeriesCSV, _ detection: SeriesDetection) throws {
        let out = series.scored(detection)
        if let output {
            guard FileManager.default.createFile(atPath: output, contents: Data(out.utf8)) else {
                throw ValidationError("cannot write \(output): check that its folder exists and is writable")
            }
        } else {
            FileHandle.standardOutput.write(Data(out.utf8))
        }
    }
}
