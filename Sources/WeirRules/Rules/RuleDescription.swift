import WeirCore

/// One entry of the rule catalogue served at `GET /task-properties`.
public struct RuleDescription: Sendable, Codable, Equatable {
    public var name: String
    public var description: String
    /// The JSON shape of the rule's value.
    public var valueType: String
    /// A value that is valid for this rule.
    public var example: JSONValue

    public init(name: String, description: String, valueType: String, example: JSONValue) {
        self.name = name
        self.description = description
        self.valueType = valueType
        self.example = example
    }

    enum CodingKeys: String, CodingKey {
        case name, description, example
        case valueType = "value_type"
    }
}
