import WeirCore
import WeirModel

/// Notification channels in SQL (``ChannelStore``).
extension SQLStore: ChannelStore {
    static let channelColumns = "id, name, channel_type, url, secret, headers, labels, created_at, updated_at"

    public func createChannel(_ channel: Channel, now: Int64) async throws -> Channel {
        let rows = try await database.query(
            """
            INSERT INTO channels (name, channel_type, url, secret, headers, labels, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING \(Self.channelColumns)
            """,
            Self.channelBinds(channel) + [.integer(now), .integer(now)]
        )
        return try Self.channel(rows[0])
    }

    public func channel(id: Int64) async throws -> Channel? {
        try await database.query("SELECT \(Self.channelColumns) FROM channels WHERE id = ?", [.integer(id)]).first.map(Self.channel)
    }

    public func channels() async throws -> [Channel] {
        try await database.query("SELECT \(Self.channelColumns) FROM channels ORDER BY id", []).map(Self.channel)
    }

    public func updateChannel(_ channel: Channel, now: Int64) async throws -> Channel? {
        try await database.query(
            """
            UPDATE channels SET name = ?, channel_type = ?, url = ?, secret = ?, headers = ?, labels = ?, updated_at = ?
            WHERE id = ? RETURNING \(Self.channelColumns)
            """,
            Self.channelBinds(channel) + [.integer(now), .integer(channel.id)]
        ).first.map(Self.channel)
    }

    public func deleteChannel(id: Int64) async throws -> Bool {
        try await database.transaction { tx in
            try await tx.query(
                "DELETE FROM notification_attempts WHERE notification_id IN (SELECT id FROM notifications WHERE channel_id = ?)",
                [.integer(id)]
            )
            try await tx.query("DELETE FROM notifications WHERE channel_id = ?", [.integer(id)])
            return try await !tx.query("DELETE FROM channels WHERE id = ? RETURNING id", [.integer(id)]).isEmpty
        }
    }

    static func channelBinds(_ c: Channel) -> [SQLValue] {
        [
            .text(c.name), .text(c.type.rawValue), .text(c.url), .optional(c.sealedSecret), .optional(c.sealedHeaders),
            .text(JSONText.encode(c.labels)),
        ]
    }

    static func channel(_ row: SQLRow) throws -> Channel {
        let id = row.int("id")
        guard let type = ChannelType(rawValue: row.text("channel_type")) else {
            throw StoreError("channel \(id) cannot be read: its stored type \"\(row.text("channel_type"))\" is not a channel type")
        }
        return Channel(
            id: id,
            name: row.text("name"),
            type: type,
            url: row.text("url"),
            sealedSecret: row.optionalText("secret"),
            sealedHeaders: row.optionalText("headers"),
            labels: try JSONText.decode([String: String].self, row.text("labels")),
            createdAt: row.int("created_at"),
            updatedAt: row.int("updated_at")
        )
    }
}
