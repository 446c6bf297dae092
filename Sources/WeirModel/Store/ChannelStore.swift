/// Notification channels.
public protocol ChannelStore: Sendable {
    func createChannel(_ channel: Channel, now: Int64) async throws -> Channel
    func channel(id: Int64) async throws -> Channel?
    /// Every channel in id order.
    func channels() async throws -> [Channel]
    /// Saves every field of an existing channel; `nil` when it does not exist.
    func updateChannel(_ channel: Channel, now: Int64) async throws -> Channel?
    /// Deletes a channel with its notifications; false when it did not exist.
    func deleteChannel(id: Int64) async throws -> Bool
}
