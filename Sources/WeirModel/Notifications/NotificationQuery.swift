/// Which notifications to list, newest first.
public struct NotificationQuery: Sendable, Equatable {
    public var state: NotificationState?
    public var channelID: Int64?
    public var before: Int64?
    public var limit: Int

    public init(state: NotificationState? = nil, channelID: Int64? = nil, before: Int64? = nil, limit: Int = 100) {
        self.state = state
        self.channelID = channelID
        self.before = before
        self.limit = limit
    }
}
