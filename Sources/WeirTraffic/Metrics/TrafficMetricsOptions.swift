import WeirCore
import WeirRules

/// What a task declares about its traffic metrics: the route patterns that give the `route`
/// label (in the `accepted_urls` syntax; the first that matches a request's path names it, and a
/// path none matches is `other`), and the upper bounds of the duration histogram's buckets.
public struct TrafficMetricsOptions: Sendable, Equatable {
    /// The most routes a task may declare.
    public static let maxRoutes = 100
    /// The most duration buckets a task may declare (`+Inf` not counted).
    public static let maxBuckets = 30

    public var routes: [URLPattern]
    /// Bucket upper bounds in seconds, increasing.
    public var bucketBounds: [Double]

    public init(routes: [URLPattern] = [], bucketBounds: [Double] = TrafficCounts.defaultBucketBounds) {
        self.routes = routes
        self.bucketBounds = bucketBounds
    }

    /// Applies the API's `routes` and `duration_buckets` fields (either `nil` when left out,
    /// `null` for the default), naming every problem.
    public mutating func apply(routes: JSONValue?, durationBuckets: JSONValue?, _ errors: inout FieldErrors) {
        if let routes { self.routes = Self.routes(routes, &errors) ?? self.routes }
        if let durationBuckets { bucketBounds = Self.bounds(durationBuckets, &errors) ?? bucketBounds }
    }

    /// Options from command-line text: route patterns, and bucket bounds separated by commas.
    public init(routes: [String], bucketList: String?) throws(FieldErrors) {
        self.init()
        let bounds = bucketList.map { list in
            JSONValue.array(
                list.split(separator: ",", omittingEmptySubsequences: false).map { item in
                    Double(item.filter { $0 != " " }).map(JSONValue.number) ?? .string(String(item))
                }
            )
        }
        var errors = FieldErrors()
        apply(routes: routes.isEmpty ? nil : .array(routes.map(JSONValue.string)), durationBuckets: bounds, &errors)
        try errors.throwIfAny()
    }

    /// Options from command-line flags (`routeFlag` repeated, `bucketFlag` once), or one line that
    /// names the flag and value at fault and what it must be.
    public static func fromFlags(routes: [String], routeFlag: String, bucketList: String?, bucketFlag: String) -> Result<Self, FlagProblem> {
        do {
            return .success(try TrafficMetricsOptions(routes: routes, bucketList: bucketList))
        } catch {
            let (field, message) = error.messages.sorted { $0.key < $1.key }[0]
            let index = Int(field.drop { $0 != "[" }.dropFirst().prefix { $0 != "]" })
            let flag = field.hasPrefix("routes") ? "\(routeFlag) \(index.map { routes[$0] } ?? "")" : "\(bucketFlag) \(bucketList ?? "")"
            return .failure(FlagProblem(description: "\(flag): \(message)"))
        }
    }

    /// A flag's value that cannot be used, said in one line.
    public struct FlagProblem: Error, CustomStringConvertible {
        public let description: String
    }

    /// The stored form, which ``init(json:)`` reads back.
    public var json: JSONValue {
        .object([
            "routes": .array(routes.map { .string($0.description) }),
            "duration_buckets": .array(bucketBounds.map { .number($0) }),
        ])
    }

    /// Options from their stored form, validated as the API validates them.
    public init(json: JSONValue) throws(FieldErrors) {
        self.init()
        var errors = FieldErrors()
        apply(routes: json["routes"], durationBuckets: json["duration_buckets"], &errors)
        try errors.throwIfAny()
    }

    private static func routes(_ value: JSONValue, _ errors: inout FieldErrors) -> [URLPattern]? {
        if value == .null { return [] }
        guard let items = value.arrayValue, items.count <= maxRoutes else {
            errors.add("routes", "must be an array of at most \(maxRoutes) path patterns such as \"/api/users/*\", got \(value.typeName)")
            return nil
        }
        var patterns: [URLPattern] = []
        for (i, item) in items.enumerated() {
            guard let text = item.stringValue, let pattern = URLPattern(text), text.unicodeScalars.count <= 512 else {
                errors.add(
                    "routes[\(i)]",
                    "must be a path pattern of at most 512 characters starting with /; * matches within a segment, ** across segments"
                )
                continue
            }
            if patterns.contains(where: { $0.description == pattern.description }) {
                errors.add("routes[\(i)]", "\"\(pattern.description)\" is given twice")
                continue
            }
            patterns.append(pattern)
        }
        return patterns
    }

    private static func quoted(_ item: JSONValue) -> String {
        switch item {
        case .number(let n): DecimalText.trimmed(n, places: 9)
        case .string(let text): "\"\(text)\""
        default: item.typeName
        }
    }

    private static func bounds(_ value: JSONValue, _ errors: inout FieldErrors) -> [Double]? {
        if value == .null { return TrafficCounts.defaultBucketBounds }
        guard let items = value.arrayValue, (1...maxBuckets).contains(items.count) else {
            errors.add("duration_buckets", "must be an array of 1 to \(maxBuckets) bucket bounds in seconds, or null for the default")
            return nil
        }
        var bounds: [Double] = []
        for (i, item) in items.enumerated() {
            guard let n = item.numberValue, n.isFinite, n >= 0.000_001, n <= 86_400 else {
                errors.add("duration_buckets[\(i)]", "must be a number of seconds from 0.000001 to 86400, got \(Self.quoted(item))")
                return nil
            }
            if let last = bounds.last, (n * 1_000_000).rounded() <= (last * 1_000_000).rounded() {
                errors.add(
                    "duration_buckets[\(i)]",
                    "must be greater than the bound before it (\(DecimalText.trimmed(last, places: 6))); bounds increase"
                )
                return nil
            }
            bounds.append(n)
        }
        return bounds
    }
}
