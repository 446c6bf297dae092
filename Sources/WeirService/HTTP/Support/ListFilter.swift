import Hummingbird
import WeirCore
import WeirLog

/// The query filters lists share: `?rule=` (a rule or `anomaly`) and `?since=` (strict RFC 3339).
enum ListFilter {
    /// The request's rule, `nil` when absent; an unknown one is added to `errors`.
    static func rule(_ request: Request, _ errors: inout FieldErrors) -> String? {
        guard let rule = request.uri.queryParameters.get("rule").map({ String($0) }) else { return nil }
        guard FindingRuleNames.all.contains(rule) else {
            errors.add("rule", "\"\(rule)\" is not a rule; use one of \(FindingRuleNames.all.joined(separator: ", "))")
            return nil
        }
        return rule
    }

    /// The request's `since` in Unix seconds, `nil` when absent; an invalid one is added to `errors`.
    static func since(_ request: Request, _ errors: inout FieldErrors) -> Int64? {
        guard let text = request.uri.queryParameters.get("since").map({ String($0) }) else { return nil }
        guard let t = Timestamps.parseRFC3339(text) else {
            errors.add("since", "must be an RFC 3339 time with an offset, such as 2026-11-21T10:00:00Z, got \"\(text)\"")
            return nil
        }
        return t
    }
}
