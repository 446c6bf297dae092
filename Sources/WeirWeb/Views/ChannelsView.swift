import WeirCore
import WeirModel

/// The channels: each with a button that sends a test, and a form that creates one.
public struct ChannelsView: PageView {
    public static let template = "channels"
    public let title = "Channels"
    public let channels: [Row]
    public let hasChannels: Bool
    public let flash: String?
    public let draft: Draft
    public let types: [TypeChoice]
    /// Messages by form field: `name`, `type`, `url`.
    public let errors: [String: String]
    public let general: String?

    public struct Row: Sendable {
        public let id: Int64
        public let name: String
        public let type: String
        public let url: String
    }

    /// What the user typed in the new channel's form.
    public struct Draft: Sendable {
        public var name = ""
        public var type = "webhook"
        public var url = ""

        public init(name: String = "", type: String = "webhook", url: String = "") {
            self.name = name
            self.type = type
            self.url = url
        }
    }

    public struct TypeChoice: Sendable {
        public let value: String
        public let selected: Bool
    }

    public init(channels: [Channel], flash: String? = nil, draft: Draft = Draft(), fieldErrors: FieldErrors = FieldErrors()) {
        self.channels = channels.map { Row(id: $0.id, name: $0.name, type: $0.type.rawValue, url: $0.url) }
        hasChannels = !channels.isEmpty
        self.flash = flash
        self.draft = draft
        types = ChannelType.allCases.map { TypeChoice(value: $0.rawValue, selected: $0.rawValue == draft.type) }
        let placed = FormErrors(fieldErrors, field: { ["name", "type", "url"].contains($0) ? $0 : nil })
        errors = placed.byField
        general = placed.general
    }
}
