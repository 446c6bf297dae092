import Foundation
import WeirCore

extension LiveMonitor.Environment {
    /// The real world: wall clock, sleeping, a stop signal, stdout and stderr.
    public static func console(stop: StopSignal) -> Self {
        .init(
            wallClock: { Date().timeIntervalSince1970 },
            sleep: { try? await Task.sleep(for: .seconds($0)) },
            shouldStop: { stop.isSet },
            output: { Console.out($0) },
            warn: { Console.err("weir: \($0)") }
        )
    }
}
