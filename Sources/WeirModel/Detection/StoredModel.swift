import WeirDetect
import WeirRules

/// A task's detection model as stored (JSON of ``TaskModel``).
public struct StoredModel: Sendable, Equatable {
    public var model: TaskModel
    public var historyMinutes: Int
    public var fittedAt: Int64

    public init(model: TaskModel, historyMinutes: Int, fittedAt: Int64) {
        self.model = model
        self.historyMinutes = historyMinutes
        self.fittedAt = fittedAt
    }

    /// This model if it was chosen for the user's current answers; `nil` once `detection` changed.
    public func current(for settings: DetectionSettings) -> StoredModel? {
        model.settings == settings ? self : nil
    }

    /// The model a task with `settings` scores with: `stored` when it was chosen for them, else
    /// the default model until the expert system chooses again.
    public static func inUse(_ stored: StoredModel?, for settings: DetectionSettings) -> TaskModel {
        stored?.current(for: settings)?.model ?? TaskModelling.defaultModel(settings)
    }
}
