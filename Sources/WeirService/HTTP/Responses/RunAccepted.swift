import WeirLog
import WeirModel
import WeirRules

struct RunAccepted: Encodable {
    let run_id: Int64
    let task_id: Int64
    let status: String
}
