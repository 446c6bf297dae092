import Foundation

/// A file of `KEY=value` lines (`.env` and the file `WEIR_SETTINGS_FILE` names): blank lines and
/// `#` comments skipped, an `export ` prefix allowed, values optionally quoted. A line that is not
/// `KEY=value` is an error naming the file and line.
enum KeyValueFile {
    /// Reads `KEY=value` lines; blank lines and `#` comments are skipped, values may be quoted.
    static func read(_ path: String, optional: Bool) throws(SettingsError) -> [String: String] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            if optional, !FileManager.default.fileExists(atPath: path) { return [:] }
            throw SettingsError(key: "WEIR_SETTINGS_FILE", problem: "names \(path), which cannot be read")
        }
        var values: [String: String] = [:]
        for (number, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("export ") { line = String(line.dropFirst(7)) }
            guard let eq = line.firstIndex(of: "=") else {
                throw SettingsError(key: "\(path):\(number + 1)", problem: "is not a KEY=value line")
            }
            let key = line[..<eq].trimmingCharacters(in: .whitespaces)
            var value = line[line.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, let q = value.first, q == "\"" || q == "'", value.last == q { value = String(value.dropFirst().dropLast()) }
            values[key] = value
        }
        return values
    }
}
