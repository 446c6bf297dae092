import Logging
import ServiceLifecycle
import Synchronization
import WeirCore
import WeirLog
import WeirModel
import WeirSources

/// Listens on the address of every active syslog task, writing what arrives to that address's
/// journal: checks the tasks every `tick` seconds, starts the listeners of new addresses and stops
/// those no task uses any more. An address it cannot listen on is logged once, in one line, and
/// said in the notes of the runs that ask.
public struct SyslogListeners: Service {
    let store: any TaskStore
    let clock: any WallClock
    let registry: SyslogRegistry
    /// The journals' folder (`WEIR_SYSLOG_DIR`).
    let folder: String
    /// Each journal's bound in bytes.
    let journalBytes: Int64
    let metrics: ServiceMetrics
    let logger: Logger
    var tick: Double = 2

    package init(
        store: any TaskStore,
        clock: any WallClock,
        registry: SyslogRegistry,
        folder: String,
        journalBytes: Int64,
        metrics: ServiceMetrics,
        logger: Logger,
        tick: Double = 2
    ) {
        self.store = store
        self.clock = clock
        self.registry = registry
        self.folder = folder
        self.journalBytes = journalBytes
        self.metrics = metrics
        self.logger = logger
        self.tick = tick
    }

    private struct Open {
        let listener: SyslogListener
        let journal: SyslogJournal
    }

    public func run() async throws {
        // An instance that does not listen still runs until shutdown: a service of the group
        // that returns early would end the whole group.
        guard registry.listens else {
            try? await gracefulShutdown()
            return
        }
        do {
            try await cancelWhenGracefulShutdown {
                try await withThrowingDiscardingTaskGroup { group in
                    var open: [SyslogAddress: Open] = [:]
                    var failed: [SyslogAddress: String] = [:]
                    defer { for entry in open.values { entry.listener.close() } }
                    while !Task.isCancelled {
                        if let wanted = await wantedAddresses() {
                            for (address, entry) in open where !wanted.contains(address) {
                                entry.listener.close()
                                entry.journal.close()
                                open[address] = nil
                                registry.set(address, nil)
                                logger.info("stopped listening for syslog", metadata: ["listen": "\(address)"])
                            }
                            failed = failed.filter { wanted.contains($0.key) }
                            for address in wanted where open[address] == nil {
                                do {
                                    let entry = try await start(address)
                                    open[address] = entry
                                    failed[address] = nil
                                    group.addTask { await entry.listener.run() }
                                } catch {
                                    let message = "\(error)"
                                    if failed[address] != message { logger.error("\(message)", metadata: ["listen": "\(address)"]) }
                                    failed[address] = message
                                    registry.set(address, .failed(message))
                                }
                            }
                        }
                        try await clock.sleep(seconds: tick)
                    }
                }
            }
        } catch is CancellationError {
            // Shutting down.
        }
    }

    /// The addresses of the active syslog tasks; `nil` when the store cannot say (logged).
    private func wantedAddresses() async -> Set<SyslogAddress>? {
        do {
            var addresses = Set<SyslogAddress>()
            for task in try await store.tasks(activeOnly: true) {
                if case .syslog(let target) = task.target { addresses.insert(target.address) }
            }
            return addresses
        } catch {
            logger.error("could not list the tasks to listen for syslog; will try again", metadata: ["error": "\(error)"])
            return nil
        }
    }

    private func start(_ address: SyslogAddress) async throws -> Open {
        let journal = try SyslogJournal(folder: folder + "/" + address.folderName, maxBytes: journalBytes)
        let listen = address.description
        let warnings = SyslogWarnings(address: listen, clock: clock, logger: logger)
        let metrics = metrics
        do {
            let listener = try await SyslogListener.bind(address, keepsHost: true, into: journal) { tally in
                metrics.syslogRecord(listen, tally)
                warnings.note(tally)
            }
            metrics.syslogListening(listen)
            registry.set(address, .listening)
            logger.info("listening for syslog", metadata: ["listen": "\(address)", "journal": "\(journal.folder)"])
            return Open(listener: listener, journal: journal)
        } catch {
            journal.close()
            throw error
        }
    }
}
