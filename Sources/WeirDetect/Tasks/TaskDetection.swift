import WeirCore

/// A task's `detection` as the user gave it, and validated into their answers to the expert
/// system's questions: `{"method":"auto"}`, `{"method":{"name":"zscore","params":{"k":5}}}`,
/// `"features":[…]`, `"bucket_seconds":300`, `"enabled":false`. Absent or `null`: Weir answers
/// everything.
public struct TaskDetection: Sendable, Equatable {
    static let keys = ["enabled", "method", "features", "bucket_seconds"]

    /// The object as given (echoed by the API), `nil` when absent.
    public let json: JSONValue?
    /// The answers it gives.
    public let settings: DetectionSettings

    /// No answers: Weir chooses everything.
    public init() {
        json = nil
        settings = DetectionSettings()
    }

    /// Validates `json`, naming every problem under `detection…`.
    public init(json: JSONValue?) throws(FieldErrors) {
        let value = json == .null ? nil : json
        settings = try Self.settings(value)
        self.json = value
    }

    static func settings(_ value: JSONValue?) throws(FieldErrors) -> DetectionSettings {
        guard let value, value != .null else { return DetectionSettings() }
        var errors = FieldErrors()
        guard let object = value.objectValue else {
            errors.add(
                "detection",
                "must be an object such as {\"method\":\"auto\"} or {\"features\":[\"requests\"],\"method\":{\"name\":\"zscore\",\"params\":{\"k\":5}}}"
            )
            throw errors
        }
        var s = DetectionSettings()
        for key in object.keys.sorted() where !keys.contains(key) {
            errors.add("detection.\(key)", "is not a detection field; use \(keys.joined(separator: ", "))")
        }
        if let v = object["enabled"] {
            if let b = v.boolValue { s.enabled = b } else { errors.add("detection.enabled", "must be a boolean") }
        }
        if let v = object["method"] { method(v, into: &s, &errors) }
        if let v = object["features"] { features(v, into: &s, &errors) }
        if let v = object["bucket_seconds"] {
            let allowed = DetectionSettings.bucketChoices.map(String.init).joined(separator: ", ")
            if let n = v.numberValue, DetectionSettings.bucketChoices.contains(where: { Double($0) == n }) {
                s.bucketSeconds = Int(n)
            } else {
                errors.add("detection.bucket_seconds", "must be one of \(allowed) (seconds)")
            }
        }
        try errors.throwIfAny()
        return s
    }

    private static func method(_ v: JSONValue, into s: inout DetectionSettings, _ errors: inout FieldErrors) {
        let names = MethodName.allCases.map(\.rawValue).joined(separator: ", ")
        if v.stringValue == "auto" || v == .null { return }
        if let name = v.stringValue {
            guard let m = MethodName(rawValue: name) else {
                errors.add("detection.method", "\"\(name)\" is not a method; use auto or one of \(names)")
                return
            }
            s.method = m
            return
        }
        guard let object = v.objectValue, let name = object["name"]?.stringValue else {
            errors.add("detection.method", "must be \"auto\", a method name, or {\"name\":…,\"params\":{…}}")
            return
        }
        for key in object.keys where key != "name" && key != "params" {
            errors.add("detection.method.\(key)", "is not a field of a method; use name and params")
        }
        guard let m = MethodName(rawValue: name) else {
            errors.add("detection.method.name", "\"\(name)\" is not a method; use one of \(names)")
            return
        }
        s.method = m
        guard let params = object["params"] else { return }
        guard let p = params.objectValue else {
            errors.add("detection.method.params", "must be an object of numbers")
            return
        }
        for (key, value) in p.sorted(by: { $0.key < $1.key }) {
            guard let n = value.numberValue else {
                errors.add("detection.method.params.\(key)", "must be a number")
                continue
            }
            s.params[key] = n
        }
        do { _ = try MethodChoice(name: m, overrides: s.params) } catch { errors.add("detection.method.params", error.description) }
    }

    private static func features(_ v: JSONValue, into s: inout DetectionSettings, _ errors: inout FieldErrors) {
        let known = TrafficFeature.allCases.map(\.rawValue).joined(separator: ", ")
        guard let list = v.arrayValue, !list.isEmpty else {
            errors.add("detection.features", "must be a non-empty list of \(known)")
            return
        }
        var out: [TrafficFeature] = []
        for (i, item) in list.enumerated() {
            guard let f = item.stringValue.flatMap(TrafficFeature.init(rawValue:)) else {
                errors.add("detection.features[\(i)]", "is not a feature; use \(known)")
                continue
            }
            if !out.contains(f) { out.append(f) }
        }
        s.features = out
    }
}
