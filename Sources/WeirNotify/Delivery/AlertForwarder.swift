import Foundation
import ServiceLifecycle
import Synchronization
import WeirCore

/// Sends the console monitor's alerts and recoveries to webhooks and Alertmanagers off the
/// caller's path: ``forward(_:)`` returns at once, and ``run()`` (a `Service`) delivers each event
/// to each endpoint in order, retrying as the service does (``RetrySchedule``), re-sends a firing
/// alert to Alertmanager every ``refreshSeconds`` while it lasts, and says once on `warn` that an
/// endpoint is down (and once that it is back). ``finish(within:)`` ends it: what is queued is
/// still delivered, unless an endpoint goes that long without a delivery.
public final class AlertForwarder: Service, Sendable {
    typealias Queued = (event: NotificationEvent, id: String)

    let endpoints: [Endpoint]
    let sender: NotificationSender
    let builder: MessageBuilder
    let schedule: RetrySchedule
    let clock: any WallClock
    let warn: @Sendable (String) -> Void
    let refreshSeconds: Double
    /// One ordered queue per endpoint, so that one that is down holds up no other.
    private let queues: [AsyncStream<Queued>.Continuation]
    private let streams: [AsyncStream<Queued>]
    private let sequence = Mutex(0)
    /// The alert firing now, re-sent to Alertmanager endpoints while it lasts.
    private let firing = Mutex<NotificationEvent?>(nil)
    /// When each endpoint last delivered an event (or gave one up), in this clock's seconds.
    private let progress: Mutex<[Double]>
    /// Once finishing: how long an endpoint may go without a delivery before it is abandoned.
    private let patience = Mutex<Double?>(nil)

    public init(
        endpoints: [Endpoint],
        sender: NotificationSender = NotificationSender(),
        builder: MessageBuilder = MessageBuilder(),
        maxAge: Int64 = 3600,
        refreshSeconds: Double = 60,
        clock: any WallClock = SystemClock(),
        warn: @escaping @Sendable (String) -> Void
    ) {
        self.endpoints = endpoints
        self.sender = sender
        self.builder = builder
        self.schedule = RetrySchedule(maxAge: maxAge)
        self.refreshSeconds = refreshSeconds
        self.clock = clock
        self.warn = warn
        let pairs = endpoints.map { _ in AsyncStream.makeStream(of: Queued.self) }
        streams = pairs.map(\.stream)
        queues = pairs.map(\.continuation)
        progress = Mutex(Array(repeating: clock.time(), count: endpoints.count))
    }

    /// Queues an event for every endpoint; never blocks.
    public func forward(_ event: NotificationEvent) {
        firing.withLock { $0 = event.isResolution ? nil : event }
        let n = sequence.withLock { value -> Int in
            value += 1
            return value
        }
        let id = "monitor-\(ProcessInfo.processInfo.processIdentifier)-\(clock.now())-\(n)"
        for queue in queues { queue.yield((event, id)) }
    }

    /// Stops taking events; ``run()`` returns once what is queued is delivered (or given up). An
    /// endpoint that goes `seconds` without a delivery is abandoned; one that keeps delivering is
    /// waited for, however long its queue, so that a replay's alerts all reach a receiver that
    /// answers slowly.
    public func finish(within seconds: Double) {
        let now = clock.time()
        progress.withLock { times in times = times.map { _ in now } }
        patience.withLock { $0 = seconds }
        for queue in queues { queue.finish() }
    }

    /// Delivers until ``finish(within:)`` and the queues are drained: one child task per endpoint.
    public func run() async {
        await withDiscardingTaskGroup { group in
            for (index, endpoint) in endpoints.enumerated() {
                group.addTask { await self.serve(endpoint, index: index) }
            }
        }
    }

    /// Runs `body` with the forwarder delivering beside it, then finishes it, waiting at most
    /// `seconds` for an endpoint that delivers nothing more.
    public func delivering<T>(finishingWithin seconds: Double, _ body: () async throws -> T) async throws -> T {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await self.run() }
            defer { finish(within: seconds) }
            return try await body()
        }
    }

    /// One endpoint: its deliveries, its Alertmanager refreshes and, once finishing, the watch for
    /// an endpoint that delivers nothing more, as one group that ends with the deliveries.
    private func serve(_ endpoint: Endpoint, index: Int) async {
        enum Ended { case drained, abandoned, refresher }
        await withTaskGroup(of: Ended.self) { group in
            group.addTask {
                await self.deliverAll(self.streams[index], to: endpoint, index: index)
                return .drained
            }
            group.addTask {
                await self.watch(index)
                return .abandoned
            }
            if endpoint.kind == .alertmanager {
                group.addTask {
                    await self.refresh(endpoint)
                    return .refresher
                }
            }
            while let ended = await group.next() { if ended != .refresher { break } }
            group.cancelAll()
        }
    }

    /// Returns once finishing and the endpoint has gone the allowed time without a delivery.
    private func watch(_ index: Int) async {
        while !Task.isCancelled {
            try? await clock.sleep(seconds: 0.1)
            guard let seconds = patience.withLock({ $0 }) else { continue }
            if clock.time() - progress.withLock({ $0[index] }) > seconds { return }
        }
    }

    /// Re-sends the firing alert every ``refreshSeconds`` until cancelled.
    private func refresh(_ endpoint: Endpoint) async {
        while !Task.isCancelled {
            try? await clock.sleep(seconds: refreshSeconds)
            if Task.isCancelled { return }
            if let alert = firing.withLock({ $0 }) { _ = await attempt(alert, endpoint, id: "refresh") }
        }
    }

    private func deliverAll(_ stream: AsyncStream<Queued>, to endpoint: Endpoint, index: Int) async {
        var down = false
        for await (event, id) in stream {
            await deliver(event, to: endpoint, id: id, down: &down)
            let now = clock.time()
            progress.withLock { $0[index] = now }
        }
    }

    /// One event to one endpoint, with retries, until delivered, given up, or cancelled.
    private func deliver(_ event: NotificationEvent, to endpoint: Endpoint, id: String, down: inout Bool) async {
        let created = clock.now()
        var attempts: Int64 = 0
        while !Task.isCancelled {
            let result = await attempt(event, endpoint, id: id)
            attempts += 1
            if result.succeeded {
                if down { warn("\(endpoint.kind.rawValue) \(endpoint.url) answers again") }
                down = false
                return
            }
            if !down { warn("\(endpoint.kind.rawValue) \(endpoint.url): \(result.error ?? "no answer"); \(event.event) will be retried") }
            down = true
            let now = clock.now()
            guard result.isRetryable, let next = schedule.nextAttempt(after: attempts, createdAt: created, now: now) else {
                warn("\(endpoint.kind.rawValue) \(endpoint.url): gave up on \(event.event) after \(attempts) attempts")
                return
            }
            try? await clock.sleep(seconds: Double(next - now))
        }
    }

    private func attempt(_ event: NotificationEvent, _ endpoint: Endpoint, id: String) async -> SendResult {
        await sender.send(builder.request(event, to: endpoint, deliveryID: id, sentAt: clock.now()))
    }
}
