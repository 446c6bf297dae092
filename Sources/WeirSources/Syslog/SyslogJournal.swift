import Foundation
import Synchronization
import WeirCore
import WeirLog

#if canImport(Glibc)
import Glibc
#endif

/// The lines a syslog listener received, kept on disk until task runs read them: numbered
/// segment files (`0000000001.log`, …) in one folder per listen address, appended to and never
/// rewritten, so that runs read them as they read any log, from a ``SyslogJournalCheckpoint``.
///
/// The journal is bounded: when its segments pass `maxBytes`, the oldest is deleted and its line
/// count written to the `dropped` ledger, from which a run that had not read it yet learns, to
/// the line, what it lost. Each journal has an identity (the `journal-id` file), so that a
/// checkpoint taken on another journal (a folder removed, another machine) is not trusted.
package final class SyslogJournal: Sendable {
    package let folder: String
    package let maxBytes: Int64
    package let segmentBytes: Int64
    package let identity: String
    private let state: Mutex<State>

    private struct State {
        var fd: Int32 = -1
        var segments: [Int] = []
        var currentSize: Int64 = 0
        var totalSize: Int64 = 0
    }

    /// Opens (or creates) the journal in `folder`, appending to its newest segment.
    package init(folder: String, maxBytes: Int64) throws {
        self.folder = folder
        self.maxBytes = max(maxBytes, 1 << 16)
        self.segmentBytes = max(self.maxBytes / 8, 1 << 14)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        identity = try Self.identity(creatingIn: folder)
        var state = State()
        state.segments = Self.segmentNumbers(in: folder)
        for number in state.segments { state.totalSize += FileIdentity(path: Self.path(folder, number)).map(\.size) ?? 0 }
        if state.segments.isEmpty { state.segments = [1] }
        let current = Self.path(folder, state.segments.last!)
        state.fd = try Self.openForAppend(current)
        state.currentSize = FileIdentity(fd: state.fd)?.size ?? 0
        self.state = Mutex(state)
    }

    deinit { close() }

    /// Appends a batch of lines in one write (a datagram's, or what one read of a TCP stream
    /// held), starting a new segment first when the current one is full, and deletes the oldest
    /// segments while the journal is over its bound.
    package func append(_ lines: SyslogLines) throws {
        guard lines.count > 0 else { return }
        try state.withLock { state in
            guard state.fd >= 0 else { throw InputError(.stopped, "the syslog journal in \(folder) is closed") }
            if state.currentSize > 0, state.currentSize + Int64(lines.bytes.count) > segmentBytes { try roll(&state) }
            try lines.bytes.withUnsafeBytes { try Self.writeAll(state.fd, $0, folder) }
            state.currentSize += Int64(lines.bytes.count)
            state.totalSize += Int64(lines.bytes.count)
            while state.totalSize > maxBytes, state.segments.count > 1 { try dropOldest(&state) }
        }
    }

    /// Closes the current segment; appends after this throw.
    package func close() {
        state.withLock { state in
            if state.fd >= 0 { Glibc.close(state.fd) }
            state.fd = -1
        }
    }

    private func roll(_ state: inout State) throws {
        let next = (state.segments.last ?? 0) + 1
        let fd = try Self.openForAppend(Self.path(folder, next))
        Glibc.close(state.fd)
        state.fd = fd
        state.segments.append(next)
        state.currentSize = 0
    }

    /// Deletes the oldest segment, first writing its line count to the ledger.
    private func dropOldest(_ state: inout State) throws {
        let number = state.segments.removeFirst()
        let path = Self.path(folder, number)
        let size = FileIdentity(path: path)?.size ?? 0
        let lines = Self.countLines(path)
        let entry = Array("\(number) \(lines)\n".utf8)
        let ledger = try Self.openForAppend(folder + "/dropped")
        defer { Glibc.close(ledger) }
        try entry.withUnsafeBytes { try Self.writeAll(ledger, $0, folder) }
        unlink(path)
        state.totalSize -= size
    }
}

extension SyslogJournal {
    /// The path of segment `number`.
    package static func path(_ folder: String, _ number: Int) -> String {
        let digits = String(number)
        return folder + "/" + String(repeating: "0", count: max(0, 10 - digits.count)) + digits + ".log"
    }

    /// The segments in `folder`, oldest first.
    package static func segmentNumbers(in folder: String) -> [Int] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.compactMap { name in name.hasSuffix(".log") ? Int(name.dropLast(4)) : nil }.sorted()
    }

    /// The lines of each deleted segment, by number, from the `dropped` ledger.
    package static func droppedLines(in folder: String) -> [Int: Int64] {
        guard let text = try? String(contentsOfFile: folder + "/dropped", encoding: .utf8) else { return [:] }
        var ledger: [Int: Int64] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ")
            if parts.count == 2, let number = Int(parts[0]), let lines = Int64(parts[1]) { ledger[number] = lines }
        }
        return ledger
    }

    /// The journal's identity, or `nil` when the folder holds no journal yet.
    package static func identity(in folder: String) -> String? {
        (try? String(contentsOfFile: folder + "/journal-id", encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private static func identity(creatingIn folder: String) throws -> String {
        if let existing = identity(in: folder), !existing.isEmpty { return existing }
        let fresh = UUID().uuidString.lowercased()
        try Data((fresh + "\n").utf8).write(to: URL(fileURLWithPath: folder + "/journal-id"), options: .atomic)
        return fresh
    }

    private static func openForAppend(_ path: String) throws -> Int32 {
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o640)
        guard fd >= 0 else { throw InputError.system("open", path, errno) }
        return fd
    }

    private static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, _ folder: String) throws {
        var done = 0
        while done < bytes.count {
            let n = write(fd, bytes.baseAddress! + done, bytes.count - done)
            if n < 0 {
                if errno == EINTR { continue }
                throw InputError.system("write", folder, errno)
            }
            done += n
        }
    }

    /// The `\n`s in a file, read in blocks.
    package static func countLines(_ path: String) -> Int64 {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return 0 }
        defer { Glibc.close(fd) }
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var lines: Int64 = 0
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { break }
            buffer.withUnsafeBytes { block in
                var at = block.baseAddress!
                let end = at + n
                while let found = memchr(at, 0x0A, end - at) {
                    lines += 1
                    at = UnsafeRawPointer(found) + 1
                }
            }
        }
        return lines
    }
}
