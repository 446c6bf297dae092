/// One notification in the outbox: an incident change for one channel, written in the
/// transaction of the run that caused it and sent by the delivery service.
public struct OutboxNotification: Sendable, Equatable {
    public var id: Int64
    public var channelID: Int64
    public var taskID: Int64
    public var incidentID: Int64
    /// `incident.opened` or `incident.resolved`.
    public var event: String
    /// Sent as `X-Weir-Delivery`, the same on every attempt, so receivers can drop repeats.
    public var deliveryID: String
    /// The incident as it was at the change (``Incident`` as JSON) and its task's name.
    public var incident: Incident
    public var taskName: String
    public var state: NotificationState
    public var attempts: Int64
    public var nextAttemptAt: Int64
    /// The receiver's last HTTP status, if it answered.
    public var lastStatus: Int64?
    public var lastError: String?
    public var createdAt: Int64
    public var deliveredAt: Int64?

    package init(
        id: Int64,
        channelID: Int64,
        taskID: Int64,
        incidentID: Int64,
        event: String,
        deliveryID: String,
        incident: Incident,
        taskName: String,
        state: NotificationState,
        attempts: Int64,
        nextAttemptAt: Int64,
        lastStatus: Int64? = nil,
        lastError: String? = nil,
        createdAt: Int64,
        deliveredAt: Int64? = nil
    ) {
        self.id = id
        self.channelID = channelID
        self.taskID = taskID
        self.incidentID = incidentID
        self.event = event
        self.deliveryID = deliveryID
        self.incident = incident
        self.taskName = taskName
        self.state = state
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
        self.lastStatus = lastStatus
        self.lastError = lastError
        self.createdAt = createdAt
        self.deliveredAt = deliveredAt
    }
}
