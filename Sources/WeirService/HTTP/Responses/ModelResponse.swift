import WeirDetect
import WeirLog
import WeirModel
import WeirRules

/// `GET /tasks/{id}/model`: the four answers, who gave each, and per feature the method chosen,
/// the candidates compared and why.
struct ModelResponse: Encodable {
    let task_id: Int64
    /// `chosen` (by the expert system from this task's traffic), `default` (not enough history
    /// yet, or `detection` changed since), or `disabled`.
    let status: String
    let enabled: Bool
    let history_minutes: Int
    let chosen_at: String?
    let chosen_from_minutes: Int?
    let next_choice_after_minutes: Int
    let bucket_seconds: Int
    let answers: [String: String]
    let features: [FeatureResponse]
    let not_watched: [String: String]

    init(task: MonitoringTask, settings: DetectionSettings, stored: StoredModel?, minutes: Int, retuneMinutes: Int, latest: [LatestScore]) {
        let current = stored?.current(for: settings)
        let model = StoredModel.inUse(stored, for: settings)
        task_id = task.id
        status = !settings.enabled ? "disabled" : current == nil ? "default" : "chosen"
        enabled = settings.enabled
        history_minutes = minutes
        chosen_at = current.map { Timestamps.rfc3339($0.fittedAt) }
        chosen_from_minutes = current?.historyMinutes
        next_choice_after_minutes = current.map { $0.historyMinutes + retuneMinutes } ?? ModelSelector().minimumPoints
        bucket_seconds = model.bucketSeconds
        answers = model.answers
        features = model.features.map { f in FeatureResponse(f, latest: latest.first { $0.feature == f.feature }) }
        not_watched = model.notWatched
    }
}
