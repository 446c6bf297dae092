import Foundation

/// Fresh, uniquely named places under the system's temporary directory, for tests.
public enum TemporaryFolder {
    /// A new empty folder named after `prefix`; the caller removes it.
    public static func make(_ prefix: String) throws -> URL {
        let dir = URL(fileURLWithPath: path(prefix))
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// A path that does not exist yet, named after `prefix` and ending in `suffix` (`.log`).
    public static func path(_ prefix: String, suffix: String = "") -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)\(suffix)").path
    }
}
