import WeirDetect
import WeirLog
import WeirModel
import WeirRules

struct FeatureResponse: Encodable {
    let feature: String
    let method: MethodResponse
    let period: Int
    let reason: String
    let profile: ProfileResponse?
    let candidates: [CandidateResponse]
    /// How the latest stored bucket was scored; `nil` before any bucket or with detection off.
    let latest: LatestScoreResponse?

    init(_ f: FeatureModel, latest: LatestScore? = nil) {
        feature = f.feature.rawValue
        method = MethodResponse(f.choice)
        period = f.period
        reason = f.report?.reason ?? "default method until there is history enough to compare methods"
        profile = f.report.map { ProfileResponse($0.profile) }
        candidates = f.report?.candidates.map(CandidateResponse.init) ?? []
        self.latest = latest.map(LatestScoreResponse.init)
    }
}
