import WeirCore
import WeirModel

extension OpenSearchTarget {
    /// The source as a user sends it: the password sealed with `vault`, or kept from `previous`
    /// when left out.
    package init(request object: [String: JSONValue], vault: PasswordVault?, previous: OpenSearchTarget?) throws(FieldErrors) {
        var errors = FieldErrors()
        for key in object.keys where !Self.requestKeys.contains(key) {
            errors.add(
                "target_data.\(key)",
                "is not a field of an OpenSearch source; the fields are \(Self.requestKeys.sorted().joined(separator: ", "))"
            )
        }
        self = Self.common(object, errors: &errors)
        switch object["auth_password"] {
        case nil:
            // Left out: keep the stored password (write-only fields cannot be sent back).
            sealedPassword = previous?.sealedPassword
        case .null?:
            sealedPassword = nil
        case .string(let password)?:
            if password.isEmpty {
                errors.add("target_data.auth_password", "must not be empty; send null to remove it")
            } else if let vault {
                do { sealedPassword = try vault.seal(password) } catch { errors.add("target_data.auth_password", "could not be encrypted: \(error)") }
            } else {
                errors.add(
                    "target_data.auth_password",
                    "cannot be stored: the service has no WEIR_SECRET to encrypt it with; set WEIR_SECRET (a long random string) and restart weir serve"
                )
            }
        case let other?:
            errors.add("target_data.auth_password", "must be a string, got \(other.typeName)")
        }
        if sealedPassword != nil, user == nil {
            errors.add("target_data.auth_user_name", "is required with auth_password")
        }
        try errors.throwIfAny()
    }
}
