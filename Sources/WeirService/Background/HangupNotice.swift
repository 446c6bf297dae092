import Logging
import ServiceLifecycle
import UnixSignals

/// SIGHUP, which would end the process by default (an operator's `kill -HUP` or a stray
/// `systemctl reload`), is caught and answered with a warning: Weir reads its settings at start-up,
/// since every one of them shapes the services already running (the store, the listener, the
/// pools), so applying a change is a restart, which loses nothing (`systemctl restart weir`).
struct HangupNotice: Service {
    let logger: Logger

    func run() async throws {
        let hangups = await UnixSignalsSequence(trapping: .sighup)
        for await _ in hangups.cancelOnGracefulShutdown() {
            logger.warning("SIGHUP received: settings are read at start-up only; restart weir serve to apply changes")
        }
    }
}
