import WeirCore

/// Checks every request body shares: no field it does not know, and a display name.
enum PayloadFields {
    /// The length of a name, in Unicode scalars (as JSON Schema counts).
    static let nameLength = 1...200

    /// Adds an error for each key of `object` outside `names`, listing the fields of a `noun`.
    static func refuseUnknown(_ object: [String: JSONValue], fields names: Set<String>, of noun: String, _ errors: inout FieldErrors) {
        for key in object.keys where !names.contains(key) {
            errors.add(key, "is not a \(noun) field; the fields are \(names.sorted().joined(separator: ", "))")
        }
    }

    /// `v` as a name: a string of 1 to 200 characters, not only spaces; `nil` with the error added.
    static func name(_ v: JSONValue, _ errors: inout FieldErrors) -> String? {
        guard let s = v.stringValue, !s.allSatisfy(\.isWhitespace), nameLength.contains(s.unicodeScalars.count) else {
            errors.add("name", "must be a string of 1 to \(nameLength.upperBound) characters, not only spaces")
            return nil
        }
        return s
    }
}
