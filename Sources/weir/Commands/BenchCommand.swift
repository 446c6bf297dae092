import ArgumentParser
import WeirBench
import WeirService
import WeirTraffic

/// `weir bench`: throughput figures for the hot paths, for release builds.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measures parser, analyzer and task-run throughput on a file (lines/s, MB/s).",
        discussion: """
            Build with -c release first. Reads FILE once into memory, then times each stage --runs \
            times and prints the median. With --task, also times whole service task runs (all five \
            rules, a temporary SQLite database, findings committed) and their ratio to `weir analyze`.
            """,
        shouldDisplay: false
    )

    @Argument(help: "An access log (any size; it is read into memory once).")
    var file: String

    @Option(help: "Timed runs per stage; the median is reported.")
    var runs = 5

    @Flag(help: "Also time one service task run with all five rules over the file.")
    var task = false

    func run() async throws {
        let results = try Benchmark.run(path: file, runs: runs)
        for line in results { print(line) }
        guard task else { return }
        let analyze = try Benchmark.medianAnalyzeSeconds(path: file, runs: runs)
        let (seconds, run) = try await TaskBenchmark.run(path: file, runs: runs)
        print(
            "task run (5 rules)  \(String(format: "%.3f", seconds)) s  \(String(format: "%.2f", Double(run.linesRead) / seconds / 1e6)) M lines/s  "
                + "(\(run.linesRead) lines, \(run.findingCount) findings committed)  = \(String(format: "%.2f", seconds / analyze))× weir analyze (\(String(format: "%.3f", analyze)) s)"
        )
    }
}
