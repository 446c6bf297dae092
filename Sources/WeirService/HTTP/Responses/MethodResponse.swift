import WeirDetect
import WeirLog
import WeirModel
import WeirRules

struct MethodResponse: Encodable {
    let name: String
    let params: [String: Double]

    init(_ c: MethodChoice) {
        name = c.name.rawValue
        params = c.params.filter { $0.value.isFinite }
    }
}
