import WeirDetect
import WeirModel

/// The expert system's choice for a task: a method per watched feature, and why.
public struct DetectionSummary: Sendable {
    public let summary: String
    public let features: [Feature]
    public var hasFeatures: Bool = false

    public struct Feature: Sendable {
        public let feature: String
        public let method: String
        public let reason: String
    }

    init(task: MonitoringTask, model: StoredModel?) {
        guard task.detection.settings.enabled else {
            summary = "Detection is off for this task."
            features = []
            return
        }
        guard let model else {
            summary = "No model yet: the expert system chooses one once runs have stored traffic."
            features = []
            return
        }
        summary = "Chosen from \(model.historyMinutes) minutes of history, at \(TaskText.instant(model.fittedAt))."
        features = model.model.features.map { feature in
            Feature(
                feature: feature.feature.rawValue,
                method: feature.choice.name.rawValue,
                reason: feature.report?.reason ?? "the default method, until there is history enough to compare methods"
            )
        }
        hasFeatures = !features.isEmpty
    }
}
