import ArgumentParser
import Foundation
import Logging
import WeirCore
import WeirGenerator
import WeirLog
import WeirService
import WeirStore
import WeirTraffic
import ServiceLifecycle

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "A first look: the generator, the live monitor and the service together.",
        discussion: """
            Writes 10 requests/s with a ×5 burst from second 20 to second 80 into a temporary log, and
            runs the monitor on it with a threshold of 20 requests/s: an alert appears after about
            70 seconds and its recovery after about 3 minutes. The monitoring service runs beside
            them on a free port with a temporary SQLite database and one task on the same log (run
            every 10 s; a rate rule of 150 requests per 10 s): its runs and findings are printed as
            they happen, and the API can be queried with the curl command shown. Stops by itself
            after --duration seconds or on Ctrl-C, and deletes its files unless --keep is given.
            """
    )

    @Option(help: ArgumentHelp("Seconds to run.", valueName: "SECONDS"))
    var duration: Double = 240

    @Flag(help: "Keep the temporary log instead of deleting it.")
    var keep = false

    @Flag(help: "Monitor output as JSON lines.")
    var json = false

    func validate() throws {
        guard duration > 0 else { throw ValidationError("--duration must be a positive number of seconds, got \(duration)") }
    }

    func run() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("weir-demo-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let log = dir.appendingPathComponent("access.log").path
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        Console.err("weir demo: writing traffic to \(log) (\(keep ? "kept" : "deleted") at the end); monitor threshold 20 req/s; Ctrl-C stops")
        let stop = StopSignal()
        let writer = Task {
            var generator = TrafficGenerator(profile: .spike, seed: 2026)
            try await GeneratorRun.live(duration: duration, interval: 0.1, rate: 10, generator: &generator,
                                        sink: try LineSink(path: log, truncate: false), clock: SystemGeneratorClock())
        }
        var options = LiveMonitor.Options(path: log, format: .combined)
        options.fromStart = true
        options.duration = duration
        let monitor = LiveMonitor(options: options, configuration: .init(threshold: 20),
                                  output: MonitorOutput(style: json ? .json : .text))
        let service = try await DemoService.start(directory: dir.path, log: log)
        try await monitor.run(.console(stop: stop))
        writer.cancel()
        _ = await writer.result
        await service.stop()
        if !keep { try? FileManager.default.removeItem(at: dir) }
    }
}
