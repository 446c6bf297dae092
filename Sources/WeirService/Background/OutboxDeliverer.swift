import Logging
import ServiceLifecycle
import WeirCore
import WeirModel
import WeirNotify
import WeirSources

/// Sends the outbox's notifications: every `tick`, and as soon as this instance commits a run, it
/// claims the due ones (on PostgreSQL each row goes to one instance), sends each with the receiver's timeout, records the attempt, and
/// schedules a retry with exponential backoff or gives up (``RetrySchedule``). Alertmanager
/// alerts of open incidents are sent again every ``alertRefreshSeconds`` so that they stay firing.
public struct OutboxDeliverer: Service {
    let store: any WeirStore
    let clock: any WallClock
    let sender: NotificationSender
    let builder: MessageBuilder
    let vault: PasswordVault?
    let schedule: RetrySchedule
    /// Who claims (`WEIR_INSTANCE_ID`), and for how long a claim holds.
    let instance: String
    var claimSeconds: Int64 = 120
    let tick: Double
    var alertRefreshSeconds: Int64 = 60
    let metrics: ServiceMetrics
    let logger: Logger
    /// Runs committed by this instance wake the deliverer at once instead of at the next tick.
    var events: CommitEvents?
    /// The hosts channels may send to, checked again before each delivery.
    var receivers = ReceiverPolicy()

    public func run() async throws {
        let committed = events?.subscribe()
        try await loopUntilShutdown {
            try await withThrowingDiscardingTaskGroup { group in
                if let committed {
                    group.addTask {
                        for await event in committed {
                            if case .runEnded(let run) = event, run.status == .succeeded { await deliverDue() }
                        }
                    }
                }
                while !Task.isCancelled {
                    await deliverDue()
                    await refreshAlerts()
                    try await clock.sleep(seconds: tick)
                }
                group.cancelAll()
            }
        }
    }

    /// Sends every notification due now, a batch at a time; returns how many were attempted.
    @discardableResult
    public func deliverDue() async -> Int {
        var attempted = 0
        while !Task.isCancelled {
            let now = clock.now()
            let batch: [OutboxNotification]
            do {
                batch = try await store.claimNotifications(instance: instance, now: now, until: now + claimSeconds, limit: 20)
            } catch {
                logger.error("could not read the notification outbox; will try again", metadata: ["error": "\(error)"])
                return attempted
            }
            if batch.isEmpty { return attempted }
            let channels = await channels(of: batch)
            await withTaskGroup(of: Void.self) { group in
                for notification in batch { group.addTask { await deliver(notification, through: channels[notification.channelID]) } }
            }
            attempted += batch.count
        }
        return attempted
    }

    /// The channels a batch goes through, each read once: a channel, or why it could not be read;
    /// none for a channel deleted since.
    func channels(of batch: [OutboxNotification]) async -> [Int64: Result<Channel, any Error>] {
        var channels: [Int64: Result<Channel, any Error>] = [:]
        for id in Set(batch.map(\.channelID)) {
            do {
                if let channel = try await store.channel(id: id) { channels[id] = .success(channel) }
            } catch {
                channels[id] = .failure(error)
            }
        }
        return channels
    }

    /// The request that sends `n` through `channel` now: its secrets opened, its host allowed.
    func request(_ n: OutboxNotification, through channel: Channel) throws -> OutgoingRequest {
        let endpoint = try ChannelEndpoint.of(channel, vault: vault, receivers: receivers)
        return builder.request(NotificationEvent(n), to: endpoint, deliveryID: n.deliveryID, sentAt: clock.now())
    }

    /// One attempt at one notification through its channel (`nil`: deleted since, with its
    /// notifications), recorded whatever happens.
    func deliver(_ n: OutboxNotification, through channel: Result<Channel, any Error>?) async {
        guard let channel else { return }
        var logger = logger
        logger[metadataKey: "notification_id"] = "\(n.id)"
        logger[metadataKey: "channel_id"] = "\(n.channelID)"
        let result: SendResult
        var unusable = false
        do {
            result = await sender.send(try request(n, through: try channel.get()))
        } catch {
            result = SendResult(status: nil, error: "\(error)", milliseconds: 0)
            unusable = error is ChannelEndpoint.NotAllowed
        }
        let now = clock.now()
        let outcome: DeliveryOutcome
        if result.succeeded {
            outcome = .delivered
        } else if !unusable, result.isRetryable, let next = schedule.nextAttempt(after: n.attempts + 1, createdAt: n.createdAt, now: now) {
            outcome = .retry(at: next)
        } else {
            outcome = .failed
        }
        metrics.notificationAttempted(channelType: (try? channel.get().type.rawValue) ?? "unknown", outcome: outcome)
        if outcome != .delivered {
            logger.warning(
                "notification not delivered",
                metadata: ["error": "\(result.error ?? "?")", "outcome": "\(outcome)", "attempts": "\(n.attempts + 1)"]
            )
        }
        do {
            try await store.recordAttempt(
                notificationID: n.id,
                NotificationAttempt(at: now, status: result.status.map(Int64.init), error: result.error, milliseconds: result.milliseconds),
                outcome: outcome
            )
        } catch {
            logger.error("could not record a notification attempt; it will be sent again", metadata: ["error": "\(error)"])
        }
    }

    /// Re-sends the firing alerts of open incidents to Alertmanager (best effort: a failure waits
    /// for the next refresh, and the alert's own end time covers the gap).
    public func refreshAlerts() async {
        let now = clock.now()
        do {
            let due = try await store.claimAlertRefreshes(before: now - alertRefreshSeconds, now: now, limit: 100)
            let channels = await channels(of: due)
            for n in due {
                guard let channel = channels[n.channelID] else { continue }
                let result = await sender.send(try request(n, through: try channel.get()))
                if !result.succeeded {
                    logger.warning("could not re-send a firing alert to Alertmanager", metadata: ["error": "\(result.error ?? "?")"])
                }
            }
        } catch {
            logger.error("could not re-send firing alerts", metadata: ["error": "\(error)"])
        }
    }
}
