import ArgumentParser
import WeirTraffic

/// `weir bench`: throughput figures for the hot paths, for release builds.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measures parser and analyzer throughput on a file (lines/s, MB/s).",
        discussion: "Build with -c release first. Reads FILE once into memory, then times each stage --runs times and prints the median.",
        shouldDisplay: false
    )

    @Argument(help: "An access log (any size; it is read into memory once).")
    var file: String

    @Option(help: "Timed runs per stage; the median is reported.")
    var runs = 5

    func run() throws {
        let results = try Benchmark.run(path: file, runs: runs)
        for line in results { print(line) }
    }
}
