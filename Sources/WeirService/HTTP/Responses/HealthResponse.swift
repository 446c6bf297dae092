import WeirLog
import WeirModel
import WeirRules

struct HealthResponse: Encodable {
    let status: String
    let database: String
    let version: String
}
