import Foundation
import Synchronization
import WeirCore

/// Sends the console monitor's alerts and recoveries to webhooks and Alertmanagers off the
/// caller's path: ``forward(_:)`` returns at once, a background task delivers each event to each
/// endpoint in order, retrying as the service does (``RetrySchedule``), re-sends a firing alert
/// to Alertmanager every ``refreshSeconds`` while it lasts, and says once on `warn` that an
/// endpoint is down (and once that it is back).
public final class AlertForwarder: Sendable {
    let endpoints: [Endpoint]
    let sender: NotificationSender
    let builder: MessageBuilder
    let schedule: RetrySchedule
    let warn: @Sendable (String) -> Void
    let refreshSeconds: Double
    /// One ordered queue per endpoint, so that one that is down holds up no other.
    private let queues: [AsyncStream<(event: NotificationEvent, id: String)>.Continuation]
    private let workers = Mutex<[Task<Void, Never>]>([])
    private let sequence = Mutex(0)
    /// The alert firing now, re-sent to Alertmanager endpoints while it lasts.
    private let firing = Mutex<NotificationEvent?>(nil)
    /// When each endpoint's worker last delivered an event (or gave one up), in seconds since 1970.
    private let progress: Mutex<[Double]>

    public init(
        endpoints: [Endpoint],
        sender: NotificationSender = NotificationSender(),
        builder: MessageBuilder = MessageBuilder(),
        maxAge: Int64 = 3600,
        refreshSeconds: Double = 60,
        warn: @escaping @Sendable (String) -> Void
    ) {
        self.endpoints = endpoints
        self.sender = sender
        self.builder = builder
        self.schedule = RetrySchedule(maxAge: maxAge)
        self.refreshSeconds = refreshSeconds
        self.warn = warn
        var queues: [AsyncStream<(event: NotificationEvent, id: String)>.Continuation] = []
        var streams: [AsyncStream<(event: NotificationEvent, id: String)>] = []
        for _ in endpoints {
            let (stream, continuation) = AsyncStream.makeStream(of: (event: NotificationEvent, id: String).self)
            streams.append(stream)
            queues.append(continuation)
        }
        self.queues = queues
        self.progress = Mutex(Array(repeating: Date().timeIntervalSince1970, count: endpoints.count))
        let tasks = zip(endpoints, streams).enumerated().map { index, pair in
            Task { [self] in await deliverAll(pair.1, to: pair.0, index: index) }
        }
        workers.withLock { $0 = tasks }
    }

    /// Queues an event for every endpoint; never blocks.
    public func forward(_ event: NotificationEvent) {
        firing.withLock { $0 = event.isResolution ? nil : event }
        let n = sequence.withLock { value -> Int in
            value += 1
            return value
        }
        let id = "monitor-\(ProcessInfo.processInfo.processIdentifier)-\(Int64(Date().timeIntervalSince1970))-\(n)"
        for queue in queues { queue.yield((event, id)) }
    }

    /// Waits for what is queued to be delivered (or given up), then stops. An endpoint that goes
    /// `seconds` without a delivery is abandoned; one that keeps delivering is waited for, however
    /// long its queue, so that a replay's alerts all reach a receiver that answers slowly.
    public func finish(within seconds: Double) async {
        for queue in queues { queue.finish() }
        let tasks = workers.withLock { $0 }
        let start = Date().timeIntervalSince1970
        progress.withLock { times in times = times.map { _ in start } }
        let watchdog = Task { [self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(100))
                let now = Date().timeIntervalSince1970
                let times = progress.withLock { $0 }
                for (task, last) in zip(tasks, times) where now - last > seconds { task.cancel() }
            }
        }
        for task in tasks { await task.value }
        watchdog.cancel()
    }

    private func deliverAll(_ stream: AsyncStream<(event: NotificationEvent, id: String)>, to endpoint: Endpoint, index: Int) async {
        let refresher = Task { [self] in
            guard endpoint.kind == .alertmanager else { return }
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(Int64(saturating: refreshSeconds * 1000)))
                if Task.isCancelled { return }
                if let alert = firing.withLock({ $0 }) { _ = await attempt(alert, endpoint, id: "refresh") }
            }
        }
        var down = false
        for await (event, id) in stream {
            await deliver(event, to: endpoint, id: id, down: &down)
            progress.withLock { $0[index] = Date().timeIntervalSince1970 }
        }
        refresher.cancel()
    }

    /// One event to one endpoint, with retries, until delivered, given up, or cancelled.
    private func deliver(_ event: NotificationEvent, to endpoint: Endpoint, id: String, down: inout Bool) async {
        let created = Int64(Date().timeIntervalSince1970)
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
            let now = Int64(Date().timeIntervalSince1970)
            guard result.isRetryable, let next = schedule.nextAttempt(after: attempts, createdAt: created, now: now) else {
                warn("\(endpoint.kind.rawValue) \(endpoint.url): gave up on \(event.event) after \(attempts) attempts")
                return
            }
            try? await Task.sleep(for: .seconds(Double(next - now)))
        }
    }

    private func attempt(_ event: NotificationEvent, _ endpoint: Endpoint, id: String) async -> SendResult {
        let now = Int64(Date().timeIntervalSince1970)
        return await sender.send(builder.request(event, to: endpoint, deliveryID: id, sentAt: now))
    }
}
