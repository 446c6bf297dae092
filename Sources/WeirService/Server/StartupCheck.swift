import Foundation
import Logging
import NIOCore
import NIOPosix
import WeirCore
import WeirLog
import WeirModel
import WeirSources
import WeirStore

/// `weir serve --check`: whether the service could start and work with these settings, without
/// starting it or changing anything. It looks at the database (reachable, its schema not newer
/// than this weir), the finding-log folder, every source folder, the port, and, when the database
/// holds them, every channel (its secrets open with `WEIR_SECRET`, its host allowed) and every
/// active task's source (inside `WEIR_SOURCE_DIRS`). Each problem is one line saying what to do.
public struct StartupCheck: Sendable {
    public let settings: Settings
    public let logger: Logger

    public init(settings: Settings, logger: Logger) {
        self.settings = settings
        self.logger = logger
    }

    /// What was checked, and the problems found (none when the service can start).
    public struct Outcome: Sendable {
        public var checked: [String] = []
        public var problems: [String] = []
    }

    public func run() async -> Outcome {
        var outcome = Outcome()
        checkFolders(&outcome)
        await checkPort(&outcome)
        await checkDatabase(&outcome)
        return outcome
    }

    private func checkFolders(_ outcome: inout Outcome) {
        if let problem = Self.writableFolderProblem(settings.logDirectory) {
            outcome.problems.append("WEIR_LOG_DIR \(settings.logDirectory): \(problem)")
        }
        if settings.syslogListen, let problem = Self.writableFolderProblem(settings.syslogDirectory) {
            outcome.problems.append("WEIR_SYSLOG_DIR \(settings.syslogDirectory): \(problem)")
        }
        for folder in settings.sourceDirectories {
            var isDirectory: ObjCBool = false
            if !FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) {
                outcome.problems.append("WEIR_SOURCE_DIRS: \(folder) does not exist; create it or leave it out")
            } else if !isDirectory.boolValue {
                outcome.problems.append("WEIR_SOURCE_DIRS: \(folder) is not a folder")
            } else if access(folder, R_OK | X_OK) != 0 {
                outcome.problems.append(
                    "WEIR_SOURCE_DIRS: \(folder) cannot be read by this user; grant read access (e.g. the adm group for /var/log)"
                )
            }
        }
        outcome.checked.append("\(settings.sourceDirectories.count) source folder(s)")
    }

    /// Why `folder` could not take files: it exists but is not writable, or neither it nor its
    /// parent exists (the service creates one level).
    static func writableFolderProblem(_ folder: String) -> String? {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { return "is not a folder" }
            return access(folder, W_OK | X_OK) == 0 ? nil : "is not writable by this user"
        }
        let parent = URL(fileURLWithPath: folder).deletingLastPathComponent().path
        guard FileManager.default.fileExists(atPath: parent, isDirectory: &isDirectory) else {
            return "does not exist, nor does its parent \(parent)"
        }
        guard isDirectory.boolValue else { return "cannot be created: \(parent) is not a folder" }
        return access(parent, W_OK | X_OK) == 0 ? nil : "does not exist, and \(parent) is not writable by this user to create it"
    }

    private func checkPort(_ outcome: inout Outcome) async {
        guard settings.port != 0 else { return }
        do {
            let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .bind(host: settings.host, port: settings.port).get()
            try await channel.close()
            outcome.checked.append("port \(settings.port) on \(settings.host) free")
        } catch {
            outcome.problems.append(
                "WEIR_PORT \(settings.port) on \(settings.host) cannot be listened on (\(error)); stop what uses it or choose another port"
            )
        }
    }

    private func checkDatabase(_ outcome: inout Outcome) async {
        let url = settings.databaseURL
        if case .sqlite(let path) = url, !FileManager.default.fileExists(atPath: path) {
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
            if let problem = Self.writableFolderProblem(folder) {
                outcome.problems.append("WEIR_DATABASE_URL \(url.display): the database's folder \(problem)")
            } else {
                outcome.checked.append("database \(url.display) (created at start)")
            }
            return
        }
        do {
            let store = try await WeirServer.openStore(url, logger: logger)
            try await store.withConnections { store in
                try await Deadline.run(seconds: 10) { try await store.ping() }
                let version = try await store.schemaVersion()
                let latest = SQLStore.latestSchemaVersion
                if version > latest {
                    outcome.problems.append(
                        "WEIR_DATABASE_URL \(url.display): the schema is at version \(version), newer than this weir (\(latest)); upgrade weir"
                    )
                    return
                }
                outcome.checked.append("database \(url.display) (schema \(version) of \(latest))")
                if version == latest { try await checkStored(store, &outcome) }
            }
        } catch {
            outcome.problems.append("WEIR_DATABASE_URL \(url.display): \(error)")
        }
    }

    /// Channels and active tasks as stored: usable with these settings.
    private func checkStored(_ store: any WeirStore, _ outcome: inout Outcome) async throws {
        let vault = settings.secret.map(PasswordVault.init(secret:))
        let channels = try await store.channels()
        for channel in channels {
            do { _ = try ChannelEndpoint.of(channel, vault: vault, receivers: settings.receiverPolicy) } catch {
                outcome.problems.append("channel \(channel.id) (\(channel.name)): \(error)")
            }
        }
        let policy = settings.sourcePolicy
        var tasks = 0
        var listened = Set<SyslogAddress>()
        var after: Int64?
        while true {
            let page = try await store.tasks(active: true, after: after, limit: 500)
            for task in page {
                tasks += 1
                if let problem = Self.sourceProblem(task.target, policy) { outcome.problems.append("task \(task.id) (\(task.name)): \(problem)") }
                if case .syslog(let target) = task.target, settings.syslogListen, listened.insert(target.address).inserted,
                    let problem = await Self.listenProblem(target.address)
                {
                    outcome.problems.append("task \(task.id) (\(task.name)): \(problem)")
                }
            }
            guard page.count == 500, let last = page.last else { break }
            after = last.id
        }
        outcome.checked.append("\(channels.count) channel(s), \(tasks) active task(s)")
    }

    /// Why a syslog listener could not start on `address` now (it is bound and let go at once).
    static func listenProblem(_ address: SyslogAddress) async -> String? {
        do {
            let listener = try await SyslogListener.bind(address, keepsHost: true, into: SyslogInbox(maxBytes: 0)) { _ in }
            listener.close()
            return nil
        } catch {
            return "\(error)"
        }
    }

    /// Why a glob path's directory cannot be listed, or its files read; `nil` for a plain path.
    static func globProblem(_ path: String) -> String? {
        do {
            _ = try FileGlob(path)?.matches()
            return nil
        } catch {
            return error.description
        }
    }

    static func sourceProblem(_ target: TargetData, _ policy: SourcePolicy) -> String? {
        switch target {
        case .file(let path, _): policy.problem(with: path) ?? globProblem(path)
        case .openSearch(let target): policy.problem(withHost: target.host, port: target.port)
        case .syslog: nil
        }
    }
}
