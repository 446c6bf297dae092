import WeirCore

extension LiveMonitor.Environment {
    /// The real world: wall clock, sleeping, a stop signal, stdout and stderr.
    public static func console(stop: StopSignal) -> Self {
        .init(
            clock: SystemClock(),
            shouldStop: { stop.isSet },
            output: { Console.out($0) },
            warn: { Console.err("weir: \($0)") }
        )
    }
}
