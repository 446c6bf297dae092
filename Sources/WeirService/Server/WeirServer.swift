import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import WeirCore
import WeirModel
import WeirNotify
import WeirSources
import WeirStore
import WeirWeb

/// The composition root of `weir serve`: builds the store, the runner, the coordinator, the
/// scheduler and the HTTP router from settings, for `main`, `weir demo` and the tests alike, and
/// runs them under one `ServiceGroup` with graceful shutdown.
public struct WeirServer: Sendable {
    public static let version = WeirVersion.current

    public let settings: Settings
    public let store: any WeirStore
    public let clock: any WallClock
    public let metrics: ServiceMetrics
    public let coordinator: RunCoordinator
    public let scheduler: Scheduler
    /// Renews this instance's run leases and takes over runs of instances that stopped.
    public let leaseKeeper: LeaseKeeper
    /// The expert system, choosing tasks' detection models in the background.
    public let trainer: ModelTrainer
    /// Deletes data older than `WEIR_RETENTION_DAYS`.
    public let pruner: RetentionPruner
    /// Sends the outbox's notifications.
    public let deliverer: OutboxDeliverer
    /// Listens for the syslog tasks and journals what they receive.
    public let syslogListeners: SyslogListeners
    /// Which syslog addresses this instance listens on.
    public let syslog: SyslogRegistry
    let sender: NotificationSender
    let messages: MessageBuilder
    public let logger: Logger
    /// Runs, findings (and later incidents) as they are committed, for live updates and the demo.
    public let events: CommitEvents
    /// Seals and opens OpenSearch passwords; `nil` without `WEIR_SECRET`.
    let vault: PasswordVault?
    /// The dashboard's sessions and one-time login links.
    let sessions: DashboardSessions

    /// Builds the service over an open, migrated store. `sources` defaults to the shared HTTP
    /// client, standard retries and a vault keyed by `WEIR_SECRET`. `onProgress` is
    /// called as runs read (tests stop a run midway with it).
    public init(
        settings: Settings,
        store: any WeirStore,
        clock: any WallClock = SystemClock(),
        metrics: ServiceMetrics = ServiceMetrics(),
        logger: Logger,
        sources: SourceContext? = nil,
        onProgress: @escaping @Sendable (RunProgress) -> Void = { _ in }
    ) {
        self.settings = settings
        self.store = store
        self.clock = clock
        self.metrics = metrics
        self.logger = logger
        let events = CommitEvents()
        self.events = events
        sessions = DashboardSessions(token: settings.apiToken, publicURL: settings.publicURL, clock: clock, store: store)
        let vault = settings.secret.map(PasswordVault.init(secret:))
        self.vault = vault
        trainer = ModelTrainer(store: store, clock: clock, retuneMinutes: settings.modelRetuneMinutes, logger: logger)
        pruner = RetentionPruner(store: store, clock: clock, days: settings.retentionDays, logger: logger)
        let sender = NotificationSender(timeout: settings.notifyTimeout)
        self.sender = sender
        let messages = MessageBuilder(publicURL: settings.publicURL)
        self.messages = messages
        var deliverer = OutboxDeliverer(
            store: store,
            clock: clock,
            sender: sender,
            builder: messages,
            vault: vault,
            schedule: RetrySchedule(maxAge: settings.notifyMaxAge),
            instance: settings.instanceID,
            tick: settings.notifyTick,
            metrics: metrics,
            logger: logger
        )
        deliverer.events = events
        deliverer.receivers = settings.receiverPolicy
        self.deliverer = deliverer
        var sourceContext = sources ?? SourceContext(vault: vault)
        sourceContext.policy = settings.sourcePolicy
        if let threads = settings.runParsingThreads { sourceContext.parsingThreads = threads }
        let syslog = SyslogRegistry(listens: settings.syslogListen)
        self.syslog = syslog
        sourceContext.syslogDirectory = settings.syslogDirectory
        sourceContext.syslogListenerProblem = { syslog.problem($0) }
        syslogListeners = SyslogListeners(
            store: store,
            clock: clock,
            registry: syslog,
            folder: settings.syslogDirectory,
            journalBytes: Int64(settings.syslogJournalMB) << 20,
            metrics: metrics,
            logger: logger
        )
        var runner = TaskRunner(
            store: store,
            clock: clock,
            findingLog: FindingLog(directory: settings.logDirectory),
            metrics: metrics,
            logger: logger,
            trainer: trainer,
            sources: sourceContext,
            onProgress: onProgress,
            events: events,
            timeout: settings.runTimeout
        )
        runner.countsTraffic = settings.trafficMetrics
        coordinator = RunCoordinator(
            store: store,
            runner: runner,
            clock: clock,
            owner: settings.runOwner,
            maxParallelRuns: settings.maxParallelRuns,
            metrics: metrics,
            logger: logger
        )
        leaseKeeper = LeaseKeeper(store: store, coordinator: coordinator, clock: clock, owner: settings.runOwner, logger: logger)
        scheduler = Scheduler(
            store: store,
            coordinator: coordinator,
            clock: clock,
            tick: settings.schedulerTick,
            autoCheckDelay: settings.autoCheckDelay,
            autoCheckInterval: settings.autoCheckInterval,
            metrics: metrics,
            logger: logger,
            runsHere: { syslog.runsHere($0) }
        )
    }

    /// Opens the database the settings name and prepares it at once: creates or migrates its
    /// schema and (on SQLite, which one process owns) marks runs a crash left `running` as
    /// interrupted. For a SQLite store used outside the `ServiceGroup` (the demo, benchmarks,
    /// tests); `weir serve` opens with ``openStore(_:logger:exclusive:)`` and has its
    /// ``MigrationService`` prepare the store once the connections run.
    public static func openStore(_ settings: Settings, logger: Logger, clock: any WallClock = SystemClock()) async throws -> any WeirStore {
        let store = try await openStore(settings.databaseURL, logger: logger, exclusive: true)
        try await MigrationService.prepare(store, clock: clock, logger: logger)
        return store
    }

    /// Opens the database without touching its schema. A PostgreSQL store answers once its
    /// connections run (``StoreService`` in the group, or `withConnections`). With `exclusive`, a
    /// SQLite database is locked for this process (one writer per file) and refused when another
    /// service holds it.
    public static func openStore(_ url: DatabaseURL, logger: Logger, exclusive: Bool = false) async throws -> any WeirStore {
        switch url {
        case .sqlite(let path):
            do {
                return SQLStore(database: try await SQLiteDatabaseClient(path: path, logger: logger, exclusive: exclusive))
            } catch let error as StoreError {
                throw error
            } catch {
                throw StoreError("cannot open the SQLite database \(path): \(error); check that its folder exists and is writable")
            }
        case .postgres(let url):
            return SQLStore(database: try await PostgresDatabaseClient(url: url, logger: logger))
        }
    }

    /// The API's router, in two route groups: probes open to anyone (`/health`, `/metrics`), and
    /// the API behind the bearer token. ``ErrorMiddleware`` shapes every error of both.
    ///
    /// A new resource is a controller and one line here; a new group (a web UI with sessions) is a
    /// `router.group()` with its own middleware.
    public func makeRouter() -> Router<BasicRequestContext> {
        let router = Router()
        let table = RouteTable()
        router.add(middleware: RequestMetricsMiddleware(metrics: metrics))
        router.add(middleware: ErrorMiddleware(routes: table))
        let open = router.group()
        open.addRoutes(HealthController(store: store, version: Self.version).routes)
        open.addRoutes(MetricsController(metrics: metrics, store: store).routes)
        let api = router.group().add(middleware: BearerAuthMiddleware(token: settings.apiToken))
        var tasks = TaskService(store: store, clock: clock, vault: vault, policy: settings.sourcePolicy)
        tasks.events = events
        let runs = RunController(store: store, coordinator: coordinator)
        let channels = ChannelService(
            store: store,
            clock: clock,
            vault: vault,
            sender: sender,
            builder: messages,
            receivers: settings.receiverPolicy
        )
        let controllers: [any APIController] = [
            OpenAPIController(),
            RuleController(store: store),
            TaskController(tasks: tasks),
            runs,
            FindingController(store: store),
            IncidentController(store: store),
            ChannelController(channels: channels),
            NotificationController(store: store),
            BlocklistController(store: store),
            ModelController(store: store, retuneMinutes: settings.modelRetuneMinutes),
        ]
        for controller in controllers { api.addRoutes(controller.routes) }
        addDashboard(to: router, tasks: tasks, runs: runs, channels: channels)
        table.record(router.routes)
        metrics.prepareRequests(
            router.routes.map { route in
                let method = route.method.rawValue
                let path = route.path.description
                let status =
                    Self.isDashboardRoute(path)
                    ? (method == "POST" ? 303 : 200) : method == "DELETE" ? 204 : method == "POST" ? (path.hasSuffix("/run") ? 202 : 201) : 200
                return (method, path, status)
            }
        )
        return router
    }

    /// The dashboard's route groups: the login page and assets open to anyone, the pages, forms
    /// and live stream behind a session in a group inside it; all with the dashboard's security
    /// headers, error pages and same-origin rule.
    private func addDashboard(to router: Router<BasicRequestContext>, tasks: TaskService, runs: RunController, channels: ChannelService) {
        let assets = DashboardAssets()
        let renderer = DashboardRenderer(pages: PageRenderer(assets: assets), sessions: sessions)
        let open = router.group().add(middleware: DashboardHeadersMiddleware()).add(middleware: DashboardErrorMiddleware(renderer: renderer))
            .add(middleware: SameOriginMiddleware())
        open.addRoutes(SessionController(renderer: renderer).routes)
        open.addRoutes(AssetController(assets: assets).routes)
        let guarded = open.group().add(middleware: DashboardSessionMiddleware(sessions: sessions))
        let pages = DashboardPageController(store: store, renderer: renderer)
        guarded.addRoutes(pages.routes)
        let jobs = settings.runParsingThreads ?? SourceContext(vault: nil).parsingThreads
        guarded.addRoutes(
            DashboardTrafficController(store: store, renderer: renderer, policy: settings.sourcePolicy, jobs: jobs, metrics: metrics)
                .routes
        )
        let forms = DashboardFormController(store: store, renderer: renderer, pages: pages, tasks: tasks, runs: runs, channels: channels)
        guarded.addRoutes(forms.routes)
        guarded.addRoutes(LiveEventsController(events: events).routes)
    }

    /// Whether a route's path is the dashboard's (HTML pages, forms, assets, sessions, the live
    /// stream), which the OpenAPI document leaves out.
    public static func isDashboardRoute(_ path: String) -> Bool {
        path == "/" || path == "/logout" || path.hasPrefix("/ui/") || path.hasPrefix("/login") || path.hasPrefix("/assets/")
    }

    /// The path of a link that logs into the dashboard once, within ten minutes (`/` when the
    /// service has no token and the dashboard needs no login).
    public func oneTimeLoginPath() -> String { sessions.oneTimeLoginPath() }

    /// The HTTP server on the settings' host and port; `onListening` receives the bound port.
    public func makeApplication(onListening: @escaping @Sendable (Int) async -> Void = { _ in }) -> some ApplicationProtocol {
        Application(
            router: makeRouter(),
            server: .http1(
                configuration: .init(
                    additionalChannelHandlers: [HeaderLimitHandler()],
                    httpDecoderConfiguration: HeaderLimitHandler.decoderConfiguration
                )
            ),
            configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: "weir/\(Self.version)"),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? 0) },
            logger: logger
        )
    }

    /// The services that work in the background while the server runs, in start order (they stop
    /// in reverse). A new background service (an outbox deliverer, a retention pruner) is one line
    /// here.
    public var backgroundServices: [any Service] {
        [trainer, coordinator, leaseKeeper, syslogListeners, scheduler, pruner, deliverer]
    }

    /// Everything under one `ServiceGroup`, in start order (they stop in reverse): the store's
    /// connections (stopped and closed last), the migration service, then the background services
    /// and the HTTP server, which wait for the schema to be migrated. SIGTERM and SIGINT shut it
    /// down gracefully; SIGHUP is logged (``HangupNotice``), never fatal.
    public func serviceGroup(application: some ApplicationProtocol, signals: Bool = true) -> ServiceGroup {
        let migrations = MigrationService(store: store, clock: clock, logger: logger, migrated: ReadinessGate())
        let gated = (backgroundServices + [application]).map { AfterMigration(gate: migrations.migrated, service: $0) as any Service }
        let hangups: [any Service] = signals ? [HangupNotice(logger: logger)] : []
        let services: [any Service] = [StoreService(store: store), migrations] + hangups + gated
        return ServiceGroup(
            configuration: .init(
                services: services.map { ServiceGroupConfiguration.ServiceConfiguration(service: $0) },
                gracefulShutdownSignals: signals ? [.sigterm, .sigint] : [],
                logger: logger
            )
        )
    }
}
