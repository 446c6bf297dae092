import Foundation

/// Writing to logs the way a log writer does, for tests.
public enum TestFile {
    /// Appends `text` to the file at `path`, creating it when missing.
    public static func append(_ path: String, _ text: String) throws {
        if !FileManager.default.fileExists(atPath: path) { _ = FileManager.default.createFile(atPath: path, contents: nil) }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        handle.seekToEndOfFile()
        handle.write(Data(text.utf8))
        try handle.close()
    }
}
