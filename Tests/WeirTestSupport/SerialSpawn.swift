import Foundation
import Synchronization

/// Starts child processes one at a time, for every test. Foundation's `Process` on Linux learns
/// that a child exited when the child's end of a socket pair closes (swift-corelibs-foundation
/// issue 4795); a second child started at the same moment from another thread can inherit that
/// end too, and then the first child's exit is never seen: it stays a zombie and
/// `waitUntilExit()` never returns. Three `weir serve` started together, one of them killed, hung
/// a test run that way.
public enum SerialSpawn {
    private static let lock = Mutex(())

    /// `process.run()`, with no other child being started meanwhile.
    public static func run(_ process: Process) throws {
        try lock.withLock { _ in try process.run() }
    }
}
