import Foundation
import WeirLog
import WeirModel

/// A channel as the API shows it: secrets never, only whether they are set; a Slack URL (itself
/// a credential) by its host only.
struct ChannelResponse: Encodable {
    let id: Int64
    let name: String
    let type: String
    let url: String
    let signed: Bool
    let headers_set: Bool
    let labels: [String: String]
    let created_at: String
    let updated_at: String

    init(_ c: Channel) {
        id = c.id
        name = c.name
        type = c.type.rawValue
        url = c.type == .slack ? "https://(sealed)" : c.url
        signed = c.sealedSecret != nil
        headers_set = c.sealedHeaders != nil
        labels = c.labels
        created_at = Timestamps.rfc3339(c.createdAt)
        updated_at = Timestamps.rfc3339(c.updatedAt)
    }
}
