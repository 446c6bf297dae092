import WeirCore

/// The API's field errors placed on a form: each beside the form field it belongs to, the
/// others together above the form. A message about a sub-field (`properties.black_ip_address`)
/// names it; several for one field are joined.
struct FormErrors {
    /// Messages by form field.
    var byField: [String: String] = [:]
    /// The messages of no form field, or `nil`.
    var general: String?

    /// `field` maps an API field to its form field (`nil` for none); `apiName` a form field back
    /// to the API field whose message needs no name.
    init(_ errors: FieldErrors, field: (String) -> String?, apiName: (String) -> String = { $0 }) {
        var rest: [String] = []
        for (key, message) in errors.messages.sorted(by: { $0.key < $1.key }) {
            guard let formField = field(key) else {
                rest.append("\(key): \(message)")
                continue
            }
            let text = key == apiName(formField) ? message : "\(key): \(message)"
            byField[formField] = byField[formField].map { "\($0); \(text)" } ?? text
        }
        general = rest.isEmpty ? nil : rest.joined(separator: "; ")
    }
}
