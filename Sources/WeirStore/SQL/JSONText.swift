import Foundation
import WeirCore
import WeirModel
import WeirRules

/// JSON columns: values are stored as compact JSON text with sorted keys.
enum JSONText {
    static func encode<T: Encodable>(_ value: T) -> String {
        (try? JSONCoding.string(value)) ?? "null"
    }

    /// A list of strings as a JSON array, written directly (findings store a few examples each,
    /// thousands per run, and `JSONEncoder` costs tens of microseconds per call).
    static func encode(_ strings: [String]) -> String {
        var out = "["
        for (i, string) in strings.enumerated() {
            if i > 0 { out += "," }
            out += "\""
            for scalar in string.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
                default: out.unicodeScalars.append(scalar)
                }
            }
            out += "\""
        }
        return out + "]"
    }

    /// A stored JSON value, read by the byte-level parser (`JSONDecoder` into `JSONValue` tries
    /// each type in turn and throws for every miss: ten times slower on a page of tasks).
    static func value(_ text: String) throws -> JSONValue {
        do {
            return try StrictJSONParser.parse(Array(text.utf8), allowingNUL: true)
        } catch {
            throw StoreError("a stored JSON value could not be read: \(error)")
        }
    }

    /// A stored list of strings (`examples`, `notes`).
    static func strings(_ text: String) throws -> [String] {
        guard let items = try value(text).arrayValue else { throw StoreError("a stored list of strings is not a JSON array") }
        return items.map { $0.stringValue ?? "" }
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(text.utf8))
        } catch {
            throw StoreError("a stored JSON value could not be read as \(type): \(error)")
        }
    }
}
