import Foundation

/// Appends `text` to the file at `path`, as a log writer would.
func append(_ path: String, _ text: String) throws {
    let h = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    h.seekToEndOfFile()
    h.write(Data(text.utf8))
    try h.close()
}
