import WeirLog
import WeirRules
import WeirStore

struct RunAccepted: Encodable {
    let run_id: Int64
    let task_id: Int64
    let status: String
}
