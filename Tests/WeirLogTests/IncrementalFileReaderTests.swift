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

    /// `copytruncate` between two runs, and the log written past the old offset before the next:
    /// the file is as long as before, but its bytes before the offset are other lines. It is read
    /// from its start (nothing lost, no line cut in two); a checkpoint from before marks were kept
    /// is taken at its word.
    @Test func aFileTruncatedAndRefilledPastTheOffsetIsReadFromItsStart() throws {
        let dir = try TemporaryFolder.make("weir-incr")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("access.log").path
        try (entry(1) + entry(2)).write(toFile: path, atomically: false, encoding: .utf8)
        var (clients, outcome) = try run(path, after: nil)
        #expect(clients == ["10.0.0.1", "10.0.0.2"])
        let before = outcome.checkpoint
        #expect(before.mark != nil)

        // Truncated in place, then three lines written: longer than the offset.
        try (entry(13) + entry(14) + entry(15)).write(toFile: path, atomically: false, encoding: .utf8)
        (clients, outcome) = try run(path, after: before)
        #expect(clients == ["10.0.0.13", "10.0.0.14", "10.0.0.15"])
        #expect(outcome.truncated)

        // Appended to as usual: only the new line, not marked truncated.
        try TestFile.append(path, entry(16))
        (clients, outcome) = try run(path, after: outcome.checkpoint)
        #expect(clients == ["10.0.0.16"])
        #expect(!outcome.truncated)

        // A checkpoint written before marks were kept reads on from its offset, as it did.
        var unmarked = outcome.checkpoint
        unmarked.mark = nil
        try TestFile.append(path, entry(17))
        (clients, outcome) = try run(path, after: unmarked)
        #expect(clients == ["10.0.0.17"])
        let decoded = try JSONDecoder().decode(FileCheckpoint.self, from: Data(#"{"device":1,"inode":2,"offset":3}"#.utf8))
        #expect(decoded.mark == nil)
    }

    /// A W3C log's header is read once, by the first run; later runs read appended lines with
    /// the fields it declared, carried in the checkpoint, whether the format is named or detected.
    @Test(arguments: [nil, "w3c"])
    func aW3CHeaderCarriesFromRunToRun(format: String?) throws {
        let dir = try TemporaryFolder.make("weir-incr-w3c")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("u_ex.log").path
        let header = "#Version: 1.0\n#Fields: date time c-ip cs-method cs-uri-stem sc-status sc-bytes time-taken\n"
        func line(_ n: Int) -> String { "2024-03-01 00:10:0\(n) 203.0.113.\(n) GET /p/\(n) 404 100 3\n" }
        try (header + line(1)).write(toFile: path, atomically: false, encoding: .utf8)
        let reader = IncrementalFileReader(path: path, format: format.flatMap(LogFormat.named))
        func read(after checkpoint: FileCheckpoint?) throws -> ([String], FileCheckpoint) {
            var seen: [String] = []
            let outcome = try reader.read(after: checkpoint) { line, parsed in
                #expect(line.failure == nil, "line \(line.number): \(String(describing: line.failure))")
                seen.append(line.bytes.string(parsed.client) + " " + line.bytes.string(parsed.target))
            }
            return (seen, outcome.checkpoint)
        }
        var (seen, checkpoint) = try read(after: nil)
        #expect(seen == ["203.0.113.1 /p/1"])
        #expect(checkpoint.w3cFlavor == "w3c" && checkpoint.w3cFields?.count == 8)
        try TestFile.append(path, line(2) + line(3))
        (seen, checkpoint) = try read(after: checkpoint)
        #expect(seen == ["203.0.113.2 /p/2", "203.0.113.3 /p/3"], "the second run has no header of its own")
        let decoded = try JSONDecoder().decode(FileCheckpoint.self, from: JSONEncoder().encode(checkpoint))
        #expect(decoded == checkpoint)
        let old = try JSONDecoder().decode(FileCheckpoint.self, from: Data(#"{"device":1,"inode":2,"offset":3}"#.utf8))
        #expect(old.w3cFields == nil, "checkpoints stored before W3C logs still decode")
    }

    /// A Kubernetes node: `/var/log/containers/x.log` links to `/var/log/pods/…/0.log`, which the
    /// kubelet rotates by renaming it beside itself. The lines left in the renamed file are read.
    @Test func aLinkedLogRotatedInItsTargetsFolderLosesNothing() throws {
        let dir = try TemporaryFolder.make("weir-linked")
        defer { try? FileManager.default.removeItem(at: dir) }
        let pods = dir.appendingPathComponent("pods").path
        let containers = dir.appendingPathComponent("containers").path
        try FileManager.default.createDirectory(atPath: pods, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: containers, withIntermediateDirectories: true)
        try TestFile.append(pods + "/0.log", entry(1))
        try FileManager.default.createSymbolicLink(atPath: containers + "/x.log", withDestinationPath: pods + "/0.log")
        var (clients, outcome) = try run(containers + "/x.log", after: nil)
        #expect(clients == ["10.0.0.1"])
        try TestFile.append(pods + "/0.log", entry(2))
        try FileManager.default.moveItem(atPath: pods + "/0.log", toPath: pods + "/0.log.20270115-070000")
        try TestFile.append(pods + "/0.log", entry(3))
        (clients, outcome) = try run(containers + "/x.log", after: outcome.checkpoint)
        #expect(clients == ["10.0.0.2", "10.0.0.3"])
        #expect(outcome.rotated && !outcome.rotatedFileMissing)
    }

    @Test func missingFileIsAClearError() {
        #expect(throws: InputError.self) { try run("/nonexistent/weir/access.log", after: nil) }
    }
}
