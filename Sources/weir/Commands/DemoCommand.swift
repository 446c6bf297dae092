import ArgumentParser
import WeirDemo
import WeirNotify
import WeirTraffic

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "A first look: the generator, the live monitor and the service together.",
        discussion: """
            Writes 10 requests/s with a ×5 burst from second 20 to second 80 into a temporary log, and \
            runs the monitor on it with a threshold of 20 requests/s: an alert appears after about \
            70 seconds and its recovery after about 3 minutes. The monitoring service runs beside \
            them on a free port with a temporary SQLite database and one task on the same log (run \
            every 10 s; a rate rule of 150 requests per 10 s): its runs, findings and incidents are \
            printed as they happen (the burst's incident opens, and resolves a minute after it ends), \
            and the API can be queried with the curl command shown. With --webhook or \
            --alertmanager, the incident and the monitor's alert and recovery are sent there too. \
            Stops by itself after --duration seconds or on Ctrl-C, and deletes its files unless \
            --keep is given.
            """
    )

    @Option(help: ArgumentHelp("Seconds to run.", valueName: "SECONDS"))
    var duration: Double = 240

    @Flag(help: "Keep the temporary log instead of deleting it.")
    var keep = false

    @Flag(help: "Monitor output as JSON lines.")
    var json = false

    @Option(help: ArgumentHelp("Send the incident and the alerts to this webhook too (repeatable).", valueName: "URL"))
    var webhook: [String] = []

    @Option(help: ArgumentHelp("Send the incident and the alerts to this Alertmanager too (its base URL; repeatable).", valueName: "URL"))
    var alertmanager: [String] = []

    func validate() throws {
        guard duration > 0 else { throw ValidationError("--duration must be a positive number of seconds, got \(duration)") }
        for url in webhook { if let problem = EndpointURL.problem(url, kind: .webhook) { throw ValidationError("--webhook \(problem)") } }
        for url in alertmanager {
            if let problem = EndpointURL.problem(url, kind: .alertmanager) { throw ValidationError("--alertmanager \(problem)") }
        }
    }

    func run() async throws {
        let endpoints = webhook.map { Endpoint(kind: .webhook, url: $0) } + alertmanager.map { Endpoint(kind: .alertmanager, url: $0) }
        let demo = Demo(duration: duration, keep: keep, json: json, endpoints: endpoints)
        try await TerminationSignals.withStopSignal { stop in try await demo.run(stop: stop) }
    }
}
