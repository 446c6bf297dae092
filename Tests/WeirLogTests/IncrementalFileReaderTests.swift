import Foundation
import Testing
import WeirLog
import WeirTestSupport

/// Run after run, every complete line is read exactly once: appends, a half-written line,
/// truncation, and rotation by rename with lines still unread in the old file.
struct IncrementalFileReaderTests {
    /// Reads after `checkpoint` and returns the clients of the lines read with the outcome.
    func run(_ path: String, after checkpoint: FileCheckpoint?) throws -> ([String], IncrementalFileReader.Outcome) {
        var clients: [String] = []
        let outcome = try IncrementalFileReader(path: path, format: .common).read(after: checkpoint) { line, parsed in
            #expect(line.failure == nil)
            clients.append(line.bytes.string(parsed.client))
        }
        return (clients, outcome)
    }

    func entry(_ n: Int) -> String {
        "10.0.0.\(n) - - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.0\" 200 2326\n"
    }

    @Test func everyLineOnceThroughAppendsTruncationAndRotation() throws {
        let dir = try TemporaryFolder.make("weir-incr")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("access.log").path
        try (entry(1) + entry(2) + String(entry(3).prefix(20))).write(toFile: path, atomically: false, encoding: .utf8)

        // First run: from the start; the half-written third line is left for later.
        var (clients, outcome) = try run(path, after: nil)
        #expect(clients == ["10.0.0.1", "10.0.0.2"])
        #expect(outcome.checkpoint.offset == Int64(entry(1).utf8.count * 2))

        // The line is finished and another appended: both, and nothing twice.
        try TestFile.append(path, String(entry(3).dropFirst(20)) + entry(4))
        (clients, outcome) = try run(path, after: outcome.checkpoint)
        #expect(clients == ["10.0.0.3", "10.0.0.4"])

        // Nothing new: nothing read, same checkpoint.
        let same = outcome.checkpoint
        (clients, outcome) = try run(path, after: same)
        #expect(clients.isEmpty && outcome.checkpoint == same)

        // Truncated (copytruncate) and refilled with fewer bytes: read from the start.
        try entry(5).write(toFile: path, atomically: false, encoding: .utf8)
        (clients, outcome) = try run(path, after: outcome.checkpoint)
        #expect(clients == ["10.0.0.5"])
        #expect(outcome.truncated)

        // Lines appended, then the file rotated by rename before the next run: the rest of the
        // old file first, then the new file from its start.
        try TestFile.append(path, entry(6))
        try FileManager.default.moveItem(atPath: path, toPath: path + ".1")
        try (entry(7) + entry(8)).write(toFile: path, atomically: false, encoding: .utf8)
        (clients, outcome) = try run(path, after: outcome.checkpoint)
        #expect(clients == ["10.0.0.6", "10.0.0.7", "10.0.0.8"])
        #expect(outcome.rotated && !outcome.rotatedFileMissing)

        // Rotated again and the old file deleted: the loss is reported, the new file read.
        try FileManager.default.removeItem(atPath: path)
        try FileManager.default.removeItem(atPath: path + ".1")
        try entry(9).write(toFile: path, atomically: false, encoding: .utf8)
        (clients, outcome) = try run(path, after: FileCheckpoint(device: 1, inode: 1, offset: 10))
        #expect(clients == ["10.0.0.9"])
        #expect(outcome.rotatedFileMissing)
    }

    @Test func missingFileIsAClearError() {
        #expect(throws: InputError.self) { try run("/nonexistent/weir/access.log", after: nil) }
    }
}
