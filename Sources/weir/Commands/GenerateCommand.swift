import ArgumentParser
import WeirCore
import WeirGenerator
import WeirLog

struct GenerateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Writes realistic HTTP access-log traffic to a file, live or as fast as possible.",
        discussion: """
            Live mode (the default) appends lines stamped with the current time: one every -i seconds \
            for -d seconds, or --rate lines per second in all. Fast mode (--count) writes N lines as fast \
            as the disk takes them, stamped from --start at --rate lines per second of log time; it \
            replaces the file, so a --seed gives the same bytes every time.

            Profiles shape the rate over time: steady; spike (×5 bursts of 60 s every 4 minutes); \
            attack (a scanner probing URLs, one flooding client and a few bad IPs for 90 s in every \
            5 minutes); mixed (20-minute steady, spike and attack phases in turn).

            Examples:
              weir generate                   # 30 s, 10 lines/s, into /tmp/access.log
              weir generate -f test.log -d 60 --rate 50 --profile spike
              weir generate --count 1000000 --rate 200 --seed 7 -f big.log
              weir generate -d 5 -f - | head
            """
    )

    @Option(name: .shortAndLong, help: ArgumentHelp("Log file to write (`-` for standard output).", valueName: "FILE"))
    var file = "/tmp/access.log"

    @Option(name: .shortAndLong, help: ArgumentHelp("Live mode: seconds to run.", valueName: "SECONDS"))
    var duration: Double = 30

    @Option(name: .shortAndLong, help: ArgumentHelp("Live mode: seconds between two writes.", valueName: "SECONDS"))
    var interval: Double = 0.1

    @Option(
        help: ArgumentHelp(
            "Lines per second (live: in all, batched per interval; fast: of log time). Default: one line per interval live, 10 in fast mode.",
            valueName: "N"
        )
    )
    var rate: Double?

    @Option(help: "Line layout.")
    var format: TrafficGenerator.Format = .combined

    @Option(help: "Rate shape over time.")
    var profile: TrafficProfile = .steady

    @Option(help: "Seed for reproducible traffic (default: from the clock).")
    var seed: UInt64?

    @Option(help: ArgumentHelp("Fast mode: number of lines to write.", valueName: "N"))
    var count: Int?

    @Option(help: ArgumentHelp("Fast mode: timestamp of the first line (RFC 3339). Default 2000-10-10T13:00:00Z.", valueName: "TIME"))
    var start: Instant?

    @Option(help: ArgumentHelp("UTC offset written in timestamps, e.g. +0200 or -0700.", valueName: "OFFSET"))
    var utcOffset: String = "+0000"

    func validate() throws {
        if let rate, !(rate > 0) || !rate.isFinite { throw ValidationError("--rate must be a positive number of lines per second, got \(rate)") }
        if let count, count < 0 { throw ValidationError("--count must be zero or more, got \(count)") }
        if count == nil, start != nil { throw ValidationError("--start goes with --count (fast mode)") }
        guard duration > 0, duration.isFinite else { throw ValidationError("-d must be a positive number of seconds, got \(duration)") }
        guard interval > 0, interval.isFinite else { throw ValidationError("-i must be a positive number of seconds, got \(interval)") }
        guard Timestamps.parseUTCOffset(utcOffset) != nil else {
            throw ValidationError("--utc-offset must look like +0200 or -0700, got '\(utcOffset)'")
        }
    }

    func run() async throws {
        var generator = TrafficGenerator(
            format: format,
            profile: profile,
            seed: seed ?? UInt64(truncatingIfNeeded: Int64(saturating: SystemClock().time() * 1e6)),
            utcOffset: Timestamps.parseUTCOffset(utcOffset)!
        )
        let sink = try LineSink(path: file, truncate: count != nil)
        if let count {
            try GeneratorRun.fast(
                count: count,
                start: start?.seconds ?? 971_182_800,
                rate: rate ?? 10,
                generator: &generator,
                sink: sink
            )
        } else {
            try await GeneratorRun.live(
                duration: duration,
                interval: interval,
                rate: rate,
                generator: &generator,
                sink: sink,
                clock: SystemClock()
            )
        }
    }
}
