import Foundation
import Testing
import WeirLog
import WeirTestSupport

/// `tail -F` behaviour: every line exactly once across appends, half-written lines, truncation
/// and rotation.
struct FileFollowerTests {
    final class Collector {
        var lines: [String] = []
        var notices: [FileFollower.Notice] = []
        func poll(_ f: inout FileFollower) {
            f.poll(
                line: { bytes, _ in self.lines.append(String(decoding: bytes, as: UTF8.self)) },
                notice: { self.notices.append($0) }
            )
        }
    }

    @Test func followsAppendsHalfLinesTruncationAndRotation() throws {
        let dir = try TemporaryFolder.make("weir-follow")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("access.log").path
        var follower = FileFollower(path: path, fromStart: false)
        let c = Collector()
        c.poll(&follower)
        #expect(c.notices == [.waiting])
        // A file that appears later is read from its start.
        try "a1\na2\n".write(toFile: path, atomically: false, encoding: .utf8)
        c.poll(&follower)
        #expect(c.lines == ["a1", "a2"])
        // Half a line waits for its newline.
        try TestFile.append(path, "a3-first-half")
        c.poll(&follower)
        #expect(c.lines == ["a1", "a2"])
        try TestFile.append(path, "-second-half\na4\n")
        c.poll(&follower)
        #expect(c.lines == ["a1", "a2", "a3-first-half-second-half", "a4"])
        // Truncation: read again from the start.
        let h = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try h.truncate(atOffset: 0)
        try h.close()
        c.poll(&follower)
        try TestFile.append(path, "b1\n")
        c.poll(&follower)
        #expect(c.lines.suffix(1) == ["b1"])
        #expect(c.notices.contains(.truncated))
        // Rotation: lines written to the old file before the switch are not lost.
        try TestFile.append(path, "b2\n")
        try FileManager.default.moveItem(atPath: path, toPath: path + ".1")
        try TestFile.append(path + ".1", "b3-late-in-old\n")
        try "c1\n".write(toFile: path, atomically: false, encoding: .utf8)
        c.poll(&follower)
        #expect(c.lines.suffix(4) == ["b1", "b2", "b3-late-in-old", "c1"])
        #expect(c.notices.contains(.rotated))
        #expect(c.lines.count == Set(c.lines).count)
    }

    /// `copytruncate` of a small log, then lines written past the offset read before the next
    /// poll: the file is the same and longer, but the bytes before the offset are not those read,
    /// so it is read again from its start, and nothing is lost or cut.
    @Test(arguments: [false, true])
    func aFileTruncatedAndRefilledPastTheOffsetIsReadFromItsStart(fromStart: Bool) throws {
        let path = TemporaryFolder.path("weir-follow", suffix: ".log")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try "a1\na2\n".write(toFile: path, atomically: false, encoding: .utf8)
        var follower = FileFollower(path: path, fromStart: fromStart)
        let c = Collector()
        try TestFile.append(path, "a3\n")
        c.poll(&follower)
        #expect(c.lines == (fromStart ? ["a1", "a2", "a3"] : ["a3"]))
        let h = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try h.truncate(atOffset: 0)
        try h.write(contentsOf: Data("b1-longer\nb2\n".utf8))
        try h.close()
        c.poll(&follower)
        #expect(c.lines.suffix(2) == ["b1-longer", "b2"])
        #expect(c.notices.contains(.truncated))
        // Appends after it are read on as before.
        try TestFile.append(path, "b3\n")
        c.poll(&follower)
        #expect(c.lines.suffix(3) == ["b1-longer", "b2", "b3"])
        #expect(c.notices.filter { $0 == .truncated }.count == 1)
    }

    @Test func startsAtTheEndOfAnExistingFileUnlessFromStart() throws {
        let path = TemporaryFolder.path("weir-follow", suffix: ".log")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try "old\n".write(toFile: path, atomically: false, encoding: .utf8)
        var tail = FileFollower(path: path, fromStart: false)
        var all = FileFollower(path: path, fromStart: true)
        try TestFile.append(path, "new\n")
        let a = Collector()
        let b = Collector()
        a.poll(&tail)
        b.poll(&all)
        #expect(a.lines == ["new"])
        #expect(b.lines == ["old", "new"])
    }
}
