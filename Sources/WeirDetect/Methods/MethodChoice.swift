import WeirCore

/// A method with its hyper-parameters: what the expert system chooses, or the user sets.
public struct MethodChoice: Sendable, Hashable, Codable, CustomStringConvertible {
    public var name: MethodName
    /// Every hyper-parameter of the method, defaults filled in.
    public var params: [String: Double]

    /// The method with `overrides` on top of its defaults; throws for an unknown parameter or a
    /// value out of range, with a message that names it.
    public init(name: MethodName, overrides: [String: Double] = [:]) throws(DetectionError) {
        let description = MethodCatalogue.description(of: name)
        var params: [String: Double] = [:]
        for spec in description.parameters { params[spec.name] = spec.defaultValue }
        for (key, value) in overrides {
            guard let spec = description.parameter(key) else {
                let known = description.parameters.map(\.name).joined(separator: ", ")
                throw DetectionError("method \(name.rawValue) has no parameter '\(key)' (it takes \(known))")
            }
            guard value.isFinite else { throw DetectionError("parameter \(key) must be a finite number") }
            try Self.check(spec, value, name)
            params[key] = value
        }
        self.name = name
        self.params = params
    }

    private static func check(_ spec: ParameterSpec, _ value: Double, _ method: MethodName) throws(DetectionError) {
        if spec.isInteger, value.rounded() != value {
            throw DetectionError("parameter \(spec.name) of \(method.rawValue) must be a whole number, not \(format(value))")
        }
        guard spec.range.contains(value) else {
            let low = DecimalText.trimmed(spec.range.lowerBound, places: 4)
            let high = DecimalText.trimmed(spec.range.upperBound, places: 4)
            throw DetectionError("parameter \(spec.name) of \(method.rawValue) must be from \(low) to \(high), not \(format(value))")
        }
    }

    /// A parameter's value (the default when unset).
    public subscript(_ key: String) -> Double { params[key] ?? .nan }

    /// `zscore(k=4, window=60)`: the name and the parameters that are set, sorted.
    public var description: String {
        let shown = params.filter { !$0.value.isNaN }.sorted { $0.key < $1.key }
            .map { "\($0.key)=\(Self.format($0.value))" }
        return "\(name.rawValue)(\(shown.joined(separator: ", ")))"
    }

    static func format(_ v: Double) -> String {
        v.rounded() == v && abs(v) < 1e12 ? String(Int64(saturating: v)) : String(v)
    }
}

extension MethodChoice {
    /// A parameter value as `--list` and `--explain` print it.
    public static func display(_ value: Double) -> String { format(value) }
}

extension MethodChoice {
    enum CodingKeys: String, CodingKey { case name, params }

    /// Unset parameters (not a number) are left out, so that the JSON is valid.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(params.filter { $0.value.isFinite }, forKey: .params)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let name = try c.decode(MethodName.self, forKey: .name)
        let params = try c.decodeIfPresent([String: Double].self, forKey: .params) ?? [:]
        do {
            try self.init(name: name, overrides: params)
        } catch {
            throw DecodingError.dataCorruptedError(forKey: .params, in: c, debugDescription: error.description)
        }
    }
}
