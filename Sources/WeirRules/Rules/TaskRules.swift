import WeirCore

/// A task's rules, validated and compiled from its `properties` object.
public struct TaskRules: Sendable, Equatable {
    public var blacklist: [AddressRange] = []
    public var requestLimits: [WindowLimit] = []
    public var clientRequestLimits: [WindowLimit] = []
    /// `false` when plain-HTTP requests are findings; `nil` when the rule is not set.
    public var httpAccepted: Bool?
    /// The accepted path patterns; `nil` when the rule is not set (every path is accepted).
    public var acceptedURLs: [URLPattern]?
    /// The `properties` object the rules were compiled from, as given (the API echoes it).
    public private(set) var properties: JSONValue = .object([:])

    /// No rules.
    public init() {}

    /// Validates a `properties` object, naming every problem under `field` (for example
    /// `properties.black_ip_address[2]`).
    public init(properties: JSONValue, field: String = "properties") throws(FieldErrors) {
        self.properties = properties
        var errors = FieldErrors()
        guard let object = properties.objectValue else {
            errors.add(field, "must be an object of rules, got \(properties.typeName)")
            throw errors
        }
        for (key, value) in object.sorted(by: { $0.key < $1.key }) {
            let at = "\(field).\(key)"
            guard let name = RuleName(rawValue: key) else {
                let known = RuleName.allCases.map(\.rawValue).joined(separator: ", ")
                errors.add(at, "unknown rule \"\(key)\"; the rules are \(known) (see GET /task-properties)")
                continue
            }
            switch name {
            case .blackIPAddress:
                blacklist = Self.strings(value, at, &errors) { text in
                    AddressRange(text).map { .success($0) } ?? .failure("\"\(text)\" is not an IPv4 or IPv6 address or CIDR range")
                }
            case .acceptedURLs:
                acceptedURLs = Self.strings(value, at, &errors) { text in
                    URLPattern(text).map { .success($0) } ?? .failure("\"\(text)\" is not a path pattern; it must start with /")
                }
            case .averageRequestsPerTimeInterval:
                requestLimits = Self.limits(value, at, &errors)
            case .averageRequestsPerClientPerTimeInterval:
                clientRequestLimits = Self.limits(value, at, &errors)
            case .isHTTPRequestsAccepted:
                if let b = value.boolValue { httpAccepted = b } else { errors.add(at, "must be a boolean, got \(value.typeName)") }
            }
        }
        try errors.throwIfAny()
    }

    /// Whether no rule is set.
    public var isEmpty: Bool {
        blacklist.isEmpty && requestLimits.isEmpty && clientRequestLimits.isEmpty && httpAccepted == nil && acceptedURLs == nil
    }

    private static func strings<T>(
        _ value: JSONValue,
        _ field: String,
        _ errors: inout FieldErrors,
        _ parse: (String) -> Result<T, Invalid>
    ) -> [T] {
        guard let items = value.arrayValue else {
            errors.add(field, "must be an array of strings, got \(value.typeName)")
            return []
        }
        var parsed: [T] = []
        for (i, item) in items.enumerated() {
            guard let text = item.stringValue else {
                errors.add("\(field)[\(i)]", "must be a string, got \(item.typeName)")
                continue
            }
            switch parse(text.trimmingSpaces) {
            case .success(let v): parsed.append(v)
            case .failure(let invalid): errors.add("\(field)[\(i)]", invalid.message)
            }
        }
        return parsed
    }

    /// The window lengths a rate rule accepts, in seconds.
    public static let windowSeconds = 1...31_622_400
    /// The request limits a rate rule accepts.
    public static let requestLimit = 1...1_000_000_000

    private static func limits(_ value: JSONValue, _ field: String, _ errors: inout FieldErrors) -> [WindowLimit] {
        guard let object = value.objectValue, !object.isEmpty else {
            errors.add(field, "must be a non-empty object of window seconds to maximum requests, like {\"60\": 600}")
            return []
        }
        var limits: [WindowLimit] = []
        for (key, max) in object {
            let at = "\(field).\(key)"
            guard key.allSatisfy(\.isASCII), key.allSatisfy(\.isNumber), let seconds = Int(key) else {
                errors.add(at, "the window \"\(key)\" is not a whole number of seconds")
                continue
            }
            guard Self.windowSeconds.contains(seconds) else {
                errors.add(at, "the window must be at least 1 second and at most \(Self.windowSeconds.upperBound) (366 days), got \(seconds)")
                continue
            }
            guard let count = max.integerValue, Self.requestLimit.contains(count) else {
                let got = max.numberValue.map { DecimalText.trimmed($0, places: 6) } ?? max.typeName
                errors.add(at, "the limit must be a positive whole number of requests, at most \(Self.requestLimit.upperBound), got \(got)")
                continue
            }
            limits.append(WindowLimit(seconds: seconds, max: count))
        }
        limits.sort { $0.seconds < $1.seconds }
        for (shorter, longer) in zip(limits, limits.dropFirst()) where longer.max < shorter.max {
            errors.add(
                "\(field).\(longer.seconds)",
                "the limit \(longer.max) for \(longer.seconds) s is below the limit \(shorter.max) for the shorter window of \(shorter.seconds) s; a longer window must allow at least as many requests"
            )
        }
        return limits
    }
}

extension Result where Failure == Invalid {
    static func failure(_ message: String) -> Self { .failure(Invalid(message: message)) }
}

extension String {
    var trimmingSpaces: String {
        String(drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
    }
}
