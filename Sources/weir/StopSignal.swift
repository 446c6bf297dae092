import ArgumentParser
import Dispatch
import Foundation
import Synchronization
import WeirCore
import WeirTraffic

/// Becomes true on SIGINT or SIGTERM, so the monitor can print its final block and exit 0.
/// The signal sources are created once in `init` and only kept alive afterwards.
final class StopSignal: @unchecked Sendable {
    private final class Flag: Sendable {
        let value = Atomic<Bool>(false)
    }

    private let flag = Flag()
    private var sources: [DispatchSourceSignal] = []

    init() {
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            let flag = self.flag
            source.setEventHandler { flag.value.store(true, ordering: .relaxed) }
            source.resume()
            sources.append(source)
        }
    }

    var received: Bool { flag.value.load(ordering: .relaxed) }
}
