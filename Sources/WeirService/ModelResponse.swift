import WeirDetect
import WeirLog
import WeirRules
import WeirStore

/// `anomaly` in a finding: the observed value against the expected range.
struct AnomalyResponse: Encodable {
    let feature: String
    let bucket_seconds: Int
    let observed: Double
    let expected_low: Double
    let expected_high: Double
    let score: Double
    let method: String

    init(_ a: AnomalyDetail) {
        feature = a.feature
        bucket_seconds = a.bucketSeconds
        observed = a.observed
        expected_low = a.expectedLow
        expected_high = a.expectedHigh
        score = a.score
        method = a.method
    }
}

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

    init(task: MonitoringTask, settings: DetectionSettings, stored: StoredModel?, minutes: Int, retuneMinutes: Int) {
        let current = stored?.current(for: settings)
        let model = current?.model ?? TaskModelling.defaultModel(settings)
        task_id = task.id
        status = !settings.enabled ? "disabled" : current == nil ? "default" : "chosen"
        enabled = settings.enabled
        history_minutes = minutes
        chosen_at = current.map { Timestamps.rfc3339($0.fittedAt) }
        chosen_from_minutes = current?.historyMinutes
        next_choice_after_minutes = current.map { $0.historyMinutes + retuneMinutes } ?? ModelSelector().minimumPoints
        bucket_seconds = model.bucketSeconds
        answers = model.answers
        features = model.features.map(FeatureResponse.init)
        not_watched = model.notWatched
    }
}

struct FeatureResponse: Encodable {
    let feature: String
    let method: MethodResponse
    let period: Int
    let reason: String
    let profile: ProfileResponse?
    let candidates: [CandidateResponse]

    init(_ f: FeatureModel) {
        feature = f.feature.rawValue
        method = MethodResponse(f.choice)
        period = f.period
        reason = f.report?.reason ?? "default method until there is history enough to compare methods"
        profile = f.report.map { ProfileResponse($0.profile) }
        candidates = f.report?.candidates.map(CandidateResponse.init) ?? []
    }
}

struct MethodResponse: Encodable {
    let name: String
    let params: [String: Double]

    init(_ c: MethodChoice) {
        name = c.name.rawValue
        params = c.params.filter { $0.value.isFinite }
    }
}

struct ProfileResponse: Encodable {
    let points: Int
    let level: Double
    let noise: Double
    let period: Int
    let seasonal_strength: Double

    init(_ p: SeriesProfile) {
        points = p.points
        level = p.level.isFinite ? p.level : 0
        noise = p.noise.isFinite ? p.noise : 0
        period = p.period
        seasonal_strength = p.seasonalStrength
    }
}

struct CandidateResponse: Encodable {
    let method: MethodResponse
    let caught: Int
    let injected: Int
    let median_delay: Double?
    let false_alarms_per_1000: Double
    let utility: Double

    init(_ c: CandidateResult) {
        method = MethodResponse(c.choice)
        caught = c.caught
        injected = c.anomalies
        median_delay = c.medianDelay
        false_alarms_per_1000 = c.falseAlarmsPerThousand
        utility = c.utility
    }
}
