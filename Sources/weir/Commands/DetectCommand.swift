import ArgumentParser
import Foundation
import WeirDetect

/// `weir detect`: anomaly scores for a time series.
struct DetectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "detect",
        abstract: "Scores a time series for anomalies, with the method chosen automatically or by name.",
        discussion: """
            Reads CSV with a header naming the columns timestamp and value (timestamps
            as YYYY-MM-DD HH:MM:SS or RFC 3339; other columns are ignored) and writes
            one row per input row: timestamp,value,anomaly_score,label. Each score is in
            [0, 1] and uses only that row and the rows before it. A score of 0.5 is
            every method's alert threshold; label is 1 where an alarm is raised: the
            score crosses 0.5 and no alarm was raised for the same incident (the last 10
            points), so one incident raises one alarm.

            --method auto (the default) starts with a robust median/MAD detector and,
            each time the history doubles from 200 points, runs the expert system on the
            rows seen so far: it injects spikes, drops, level shifts, ramps, floods and
            error bursts into that history, compares every method and hyper-parameter
            set on them, and switches to the best (the simpler on a tie). --method NAME
            uses that method with its defaults, changed by --param. See every method and
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
    var method = "auto"

    @Option(name: .customLong("param"), help: ArgumentHelp("A hyper-parameter of --method NAME (repeatable).", valueName: "KEY=VALUE"))
    var params: [String] = []

    @Option(help: ArgumentHelp("Write the scored CSV here instead of standard output.", valueName: "OUT.csv"))
    var output: String?

    @Flag(help: "Print the method, its parameters and, with auto, the candidates compared and why, on stderr.")
    var explain = false

    @Flag(help: "List every method with its hyper-parameters and exit.")
    var list = false

    func validate() throws {
        if list { return }
        guard input != nil else { throw ValidationError("give the series with --input SERIES.csv (or --list to see the methods)") }
        if method != "auto" && MethodName(rawValue: method) == nil {
            throw ValidationError("unknown method '\(method)'; use auto or one of \(MethodName.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if method == "auto" && !params.isEmpty {
            throw ValidationError("--param sets a parameter of one method; give the method with --method NAME")
        }
        let params = try parsedParams()
        if let name = MethodName(rawValue: method) {
            do { _ = try MethodChoice(name: name, overrides: params) } catch { throw ValidationError(error.description) }
        }
    }

    func parsedParams() throws -> [String: Double] {
        var out: [String: Double] = [:]
        for p in params {
            let parts = p.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let value = Double(parts[1]) else {
                throw ValidationError("--param expects KEY=NUMBER, got '\(p)'")
            }
            out[parts[0]] = value
        }
        return out
    }

    func run() throws {
        if list { print(Self.methodList(), terminator: ""); return }
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
        let detection = try SeriesDetection(series.values, bucketSeconds: series.bucketSeconds,
                                            method: MethodName(rawValue: method), params: try parsedParams())
        try write(series, detection)
        if explain { FileHandle.standardError.write(Data(detection.explanation().utf8)) }
    }

    private func write(_ series: SeriesCSV, _ detection: SeriesDetection) throws {
        var out = "timestamp,value,anomaly_score,label\n"
        out.reserveCapacity(series.values.count * 40)
        for (i, p) in detection.points.enumerated() {
            out += "\(series.timestampTexts[i]),\(series.valueTexts[i]),\(String(format: "%.6f", p.score)),\(p.label ? 1 : 0)\n"
        }
        if let output {
            guard FileManager.default.createFile(atPath: output, contents: Data(out.utf8)) else {
                throw ValidationError("cannot write \(output): check that its folder exists and is writable")
            }
        } else {
            FileHandle.standardOutput.write(Data(out.utf8))
        }
    }

    static func methodList() -> String {
        var text = ""
        for m in MethodCatalogue.all {
            text += "\(m.name.rawValue): \(m.summary)\n"
            for p in m.parameters {
                let value = p.defaultValue.isNaN ? "unset" : MethodChoice.display(p.defaultValue)
                text += "    \(p.name) (default \(value)): \(p.summary)\n"
            }
        }
        return text + "auto: the expert system chooses among the above from the series itself (see --help)\n"
    }
}
