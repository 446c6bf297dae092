import Foundation
import WeirCore
import WeirGenerator
import WeirNotify
import WeirTraffic

/// `weir demo`: the generator writes bursty traffic to a temporary log, the live monitor watches
/// it, and the monitoring service runs beside them with one task on the same log, its runs,
/// findings and incidents printed as they are committed (and sent to the webhooks and
/// Alertmanagers given, with the monitor's alerts).
public struct Demo: Sendable {
    /// Seconds to run.
    public var duration: Double
    /// Keep the temporary folder instead of deleting it.
    public var keep: Bool
    /// Monitor output as JSON lines.
    public var json: Bool
    /// Webhooks and Alertmanagers told of the monitor's alerts and the service's incidents.
    public var endpoints: [Endpoint]

    public init(duration: Double, keep: Bool, json: Bool, endpoints: [Endpoint] = []) {
        self.duration = duration
        self.keep = keep
        self.json = json
        self.endpoints = endpoints
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
        var options = LiveMonitor.Options(path: log, format: .combined)
        options.fromStart = true
        options.duration = duration
        let monitor = LiveMonitor(options: options, configuration: .init(threshold: 20), output: MonitorOutput(style: json ? .json : .text))
        let service = try await DemoService.prepare(directory: dir.path, log: log, endpoints: endpoints)
        var environment = LiveMonitor.Environment.console(stop: stop)
        let forwarder = AlertForwarder(endpoints: endpoints, warn: { Console.err("weir demo: \($0)") })
        if !endpoints.isEmpty {
            environment.notify = { event in NotificationEvent(monitor: event, file: log).map(forwarder.forward) }
        }
        // The service runs until the monitor is done; the writer and the reporter beside the
        // monitor, in a group of their own that ends with it.
        try await withThrowingTaskGroup(of: Void.self) { services in
            services.addTask { try await service.group.run() }
            try await withThrowingTaskGroup(of: Void.self) { helpers in
                helpers.addTask {
                    var generator = TrafficGenerator(profile: .spike, seed: 2026)
                    let sink = try LineSink(path: log, truncate: false)
                    try await GeneratorRun.live(duration: duration, interval: 0.1, rate: 10, generator: &generator, sink: sink, clock: SystemClock())
                }
                helpers.addTask { await DemoService.report(service.events, store: service.store) }
                try await forwarder.delivering(finishingWithin: 5) { try await monitor.run(environment) }
                helpers.cancelAll()
            }
            await service.group.triggerGracefulShutdown()
            try await services.waitForAll()
        }
        if !keep { try? FileManager.default.removeItem(at: dir) }
    }
}
