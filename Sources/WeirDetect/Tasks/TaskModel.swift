/// A task's detection model: the answers to the four questions, and for each, who gave it.
public struct TaskModel: Sendable, Equatable, Codable {
    /// The user's answers the model was made for; a change of `detection` makes it stale.
    public var settings: DetectionSettings
    public var bucketSeconds: Int
    public var features: [FeatureModel]
    /// Features left out, and why.
    public var notWatched: [String: String]
    /// Who answered each question: `user` or `weir`, with Weir's reason.
    public var answers: [String: String]
    /// Minutes of history the model was chosen from (0 for the default model).
    public var historyMinutes: Int
    public var fittedAt: Int64?
}
