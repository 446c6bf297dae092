import WeirModel

/// One finding's line on a task page: its rule, client, span and message.
public struct FindingRow: Sendable {
    public let id: Int64
    public let rule: String
    public let client: String
    public let first: String
    public let last: String
    public let message: String

    public init(_ record: FindingRecord) {
        id = record.id
        rule = record.finding.rule
        client = record.finding.client ?? ""
        first = TaskText.instant(record.finding.first)
        last = TaskText.instant(record.finding.last)
        message = record.finding.message
    }
}
