import ArgumentParser
import WeirDemo
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
            every 10 s; a rate rule of 150 requests per 10 s): its runs and findings are printed as \
            they happen, and the API can be queried with the curl command shown. Stops by itself \
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
        try await Demo(duration: duration, keep: keep, json: json).run(stop: await TerminationSignals.stopSignal())
    }
}
