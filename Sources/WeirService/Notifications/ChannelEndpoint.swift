import WeirCore
import WeirModel
import WeirNotify
import WeirSources

/// A stored channel made ready to send: its sealed secrets opened with the service's vault, its
/// host allowed by `WEIR_NOTIFY_HOSTS`.
enum ChannelEndpoint {
    /// The endpoint of `channel`, checked against `receivers`; throws ``NotAllowed`` when its host
    /// may not be sent to, and as ``of(_:vault:)`` does.
    static func of(_ channel: Channel, vault: PasswordVault?, receivers: ReceiverPolicy) throws -> Endpoint {
        let endpoint = try of(channel, vault: vault)
        if let problem = receivers.problem(with: endpoint.url) { throw NotAllowed(description: problem) }
        return endpoint
    }

    /// A channel whose host `WEIR_NOTIFY_HOSTS` does not allow: asking again will not change that.
    struct NotAllowed: Error, CustomStringConvertible {
        let description: String
    }

    /// The endpoint of `channel`; throws when a secret cannot be opened (no or another
    /// `WEIR_SECRET`), naming the channel and what to do.
    static func of(_ channel: Channel, vault: PasswordVault?) throws -> Endpoint {
        func open(_ sealed: String?) throws -> String? {
            guard let sealed else { return nil }
            guard let vault else {
                throw ChannelError("channel \(channel.id) has sealed secrets but the service has no WEIR_SECRET; set the one it was created with")
            }
            do { return try vault.open(sealed) } catch {
                throw ChannelError(
                    "channel \(channel.id)'s secrets do not open with this WEIR_SECRET; set the one it was created with, or PATCH the channel"
                )
            }
        }
        let url = channel.type == .slack ? try open(channel.url) ?? "" : channel.url
        let headers = try open(channel.sealedHeaders).map(headerObject) ?? [:]
        return Endpoint(
            kind: Endpoint.Kind(rawValue: channel.type.rawValue) ?? .webhook,
            url: url,
            secret: try open(channel.sealedSecret),
            headers: headers,
            labels: channel.labels
        )
    }
}

/// A channel that cannot be used as stored.
struct ChannelError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Headers stored as a JSON object of strings.
func headerObject(_ text: String) throws -> [String: String] {
    let object = try StrictJSONParser.parse(Array(text.utf8)).objectValue ?? [:]
    return object.compactMapValues(\.stringValue)
}
