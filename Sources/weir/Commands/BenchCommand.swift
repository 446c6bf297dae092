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
            rules, a temporary SQLite database, findings committed) and their ratio to `weir analyze \
            --jobs 1`: as the service runs them (the file parsed on other threads while the rules \
            take its lines), with anomaly detection on and off, and on the run's own thread alone. \
            With --traffic-overhead, times instead what counting traffic for /metrics costs a task \
            run: --runs rounds of one run not counted, one counted and one counted with six routes, \
            on services in this process, and prints the median and quartiles of the rounds' \
            ratios, and a 95% interval of that median (bootstrap), for wall and processor time.
            """,
        shouldDisplay: false
    )

    @Argument(help: "An access log (any size; it is read into memory once).")
    var file: String

    @Option(help: "Timed runs per stage; the median is reported.")
    var runs = 5

    @Flag(help: "Also time service task runs with all five rules over the file (parsing threads, detection off, one thread).")
    var task = false

    @Flag(help: "Time only task runs with and without counting traffic for /metrics, in --runs rounds.")
    var trafficOverhead = false

    func run() async throws {
        if trafficOverhead {
            for line in try await TaskBenchmark.trafficOverhead(path: file, rounds: runs) { print(line) }
            return
        }
        let results = try Benchmark.run(path: file, runs: runs)
        for line in results { print(line) }
        guard task else { return }
        for line in try await TaskBenchmark.report(path: file, runs: runs) { print(line) }
    }
}
