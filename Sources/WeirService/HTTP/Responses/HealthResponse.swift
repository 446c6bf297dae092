import WeirLog
import WeirRules
import WeirStore

struct HealthResponse: Encodable {
    let status: String
    let database: String
    let version: String
}
