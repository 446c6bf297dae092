/// The user's answers in a task's `detection`; every `nil` is a question the expert system answers.
public struct DetectionSettings: Sendable, Equatable, Codable {
    public var enabled = true
    /// Question 1: the method (`nil`: chosen, per feature).
    public var method: MethodName?
    /// Question 2: its hyper-parameters (those not given are chosen).
    public var params: [String: Double] = [:]
    /// Question 3: the features to watch (`nil`: chosen).
    public var features: [TrafficFeature]?
    /// Question 4: their parameter, the bucket length in seconds (`nil`: chosen).
    public var bucketSeconds: Int?

    public init(
        enabled: Bool = true,
        method: MethodName? = nil,
        params: [String: Double] = [:],
        features: [TrafficFeature]? = nil,
        bucketSeconds: Int? = nil
    ) {
        self.enabled = enabled
        self.method = method
        self.params = params
        self.features = features
        self.bucketSeconds = bucketSeconds
    }

    /// Bucket lengths the expert system chooses from.
    public static let bucketChoices = [60, 300, 900, 3600]
}
