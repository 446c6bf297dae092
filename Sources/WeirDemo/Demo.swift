import Foundation
import WeirCore
import WeirGenerator
import WeirTraffic

/// `weir demo`: the generator writes bursty traffic to a temporary log, the live monitor watches
/// it, and the monitoring service runs beside them with one task on the same log, its runs and
/// findings printed as they are committed.
public struct Demo: Sendable {
    /// Seconds to run.
    public var duration: Double
    /// Keep the temporary folder instead of deleting it.
    public var keep: Bool
    /// Monitor output as JSON lines.
    public var json: Bool

    public init(duration: Double, keep: Bool, json: Bool) {
        self.duration = duration
        self.keep = keep
        self.json = json
    }

    /// Runs until `duration` has passed or `stop` is set, then stops everything and cleans up.
    public func run(stop: StopSignal) async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("weir-demo-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let log = dir.appendingPathComponent("access.log").path
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        Console.err(
            "weir demo: writing traffic to \(log) (\(keep ? "kept" : "deleted") at the end); monitor threshold 20 req/s; Ctrl-C stops"
        )
        let duration = duration
        let writer = Task {
            var generator = TrafficGenerator(profile: .spike, seed: 2026)
            try await GeneratorRun.live(
                duration: duration,
                interval: 0.1,
                rate: 10,
                generator: &generator,
                sink: try LineSink(path: log, truncate: false),
                clock: SystemGeneratorClock()
            )
        }
        var options = LiveMonitor.Options(path: log, format: .combined)
        options.fromStart = true
        options.duration = duration
        let monitor = LiveMonitor(options: options, configuration: .init(threshold: 20), output: MonitorOutput(style: json ? .json : .text))
        let service = try await DemoService.start(directory: dir.path, log: log)
        try await monitor.run(.console(stop: stop))
        writer.cancel()
        _ = await writer.result
        await service.stop()
        if !keep { try? FileManager.default.removeItem(at: dir) }
    }
}
