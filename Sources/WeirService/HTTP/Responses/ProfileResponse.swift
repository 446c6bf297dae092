import WeirDetect
import WeirLog
import WeirModel
import WeirRules

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
