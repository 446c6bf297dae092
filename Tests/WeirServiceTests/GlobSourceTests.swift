import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import WeirCore
import WeirLog
import WeirSources
import WeirTestSupport

/// A file task whose path's file name is a glob (`/var/log/containers/ingress-nginx-*.log`): the
/// matching files merged in time order, each exactly once across runs, files that come and go
/// followed; and the glob through the API.
struct GlobSourceTests {
    /// Records each well-formed line's time and text, and counts the others.
    struct Recorder: RecordConsumer {
        var lines: [(time: Int64, text: String)] = []
        var malformed = 0

        mutating func consume(_ line: LogReader.Line, _ parsed: inout ParsedLine) {
            if line.failure != nil {
                malformed += 1
            } else {
                lines.append((parsed.timestamp, String(decoding: line.bytes, as: UTF8.self)))
            }
        }
    }

    /// `count` combined lines of `pod`, one every `step` seconds from `start` (seconds past
    /// 2027-01-15T07:00:00Z), each naming the pod and its number in the path.
    static func lines(_ pod: String, count: Int, start: Int, step: Int) -> String {
        (0..<count).map { k in
            let t = start + k * step
            let time = String(format: "15/Jan/2027:07:%02d:%02d +0000", t / 60, t % 60)
            return "10.0.0.1 - - [\(time)] \"GET /\(pod)/\(k) HTTP/1.1\" 200 1 \"-\" \"t\""
        }
        .joined(separator: "\n") + "\n"
    }

    static func read(_ source: GlobLogSource, after checkpoint: String?) async throws -> (Recorder, SourceRead) {
        var recorder = Recorder()
        let read = try await source.read(after: checkpoint, shouldStop: { false }, into: &recorder)
        return (recorder, read)
    }

    @Test func filesAreMergedInTimeOrderAndFollowedAsTheyComeAndGo() async throws {
        let dir = try TemporaryFolder.make("weir-glob").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (a, b, c) = ("\(dir)/ingress-a.log", "\(dir)/ingress-b.log", "\(dir)/ingress-c.log")
        try TestFile.append(a, Self.lines("a", count: 300, start: 0, step: 2))  // 10 minutes
        try TestFile.append(b, Self.lines("b", count: 200, start: 1, step: 3) + "junk\n")
        try TestFile.append("\(dir)/other.log", Self.lines("x", count: 5, start: 0, step: 1))
        let source = GlobLogSource(glob: try #require(try FileGlob("\(dir)/ingress-*.log")), format: nil, policy: SourcePolicy(directories: [dir]))

        let (first, read) = try await Self.read(source, after: nil)
        #expect(first.lines.count == 500 && first.malformed == 1)
        let times = first.lines.map { $0.time }
        #expect(zip(times, times.dropFirst()).allSatisfy { $0 <= $1 }, "the lines are not in time order")
        for pod in ["a", "b"] {
            let numbers = first.lines.compactMap { line -> Int? in
                guard line.text.contains("GET /\(pod)/") else { return nil }
                return Int(line.text.split(separator: "/")[1].split(separator: " ")[0])
            }
            #expect(numbers == Array(0..<numbers.count), "\(pod)'s lines out of their order")
        }
        #expect(!first.lines.contains { $0.text.contains("/x/") })

        // b goes (its pod deleted), c comes, a grows: exactly the new lines.
        try FileManager.default.removeItem(atPath: b)
        try TestFile.append(a, Self.lines("a", count: 30, start: 600, step: 2))
        try TestFile.append(c, Self.lines("c", count: 40, start: 590, step: 1))
        let (second, again) = try await Self.read(source, after: read.checkpoint)
        #expect(second.lines.count == 70)
        let later = second.lines.map { $0.time }
        #expect(zip(later, later.dropFirst()).allSatisfy { $0 <= $1 })
        #expect(again.notes.contains { $0.contains("no longer match") && $0.contains("ingress-b.log") }, "\(again.notes)")
        #expect(again.notes.contains { $0.contains("ingress-c.log") && $0.contains("from the start") }, "\(again.notes)")
        let (third, _) = try await Self.read(source, after: again.checkpoint)
        #expect(third.lines.isEmpty)
    }

    @Test func aGlobTaskRunsThroughTheServiceAndOnlyFileNamesMayBeGlobs() async throws {
        let harness = try await Harness.make()
        defer { harness.remove() }
        try FileManager.default.createDirectory(atPath: "\(harness.directory)/containers", withIntermediateDirectories: true)
        try TestFile.append("\(harness.directory)/containers/ingress-1.log", Self.lines("a", count: 120, start: 0, step: 1))
        try TestFile.append("\(harness.directory)/containers/ingress-2.log", Self.lines("b", count: 80, start: 0, step: 2))
        try await harness.withRouter { client in
            let created = try await client.request(.post, "/tasks", Harness.taskBody(path: "\(harness.directory)/containers/ingress-*.log"))
            #expect(created.status == .created, "\(created.text)")
            let id = try #require(created.json["id"]?.numberValue.map { Int64($0) })
            #expect(try await harness.runNow(id).linesRead == 200)
            try TestFile.append("\(harness.directory)/containers/ingress-3.log", Self.lines("c", count: 7, start: 300, step: 1))
            #expect(try await harness.runNow(id).linesRead == 7)
            let bad = try await client.request(.post, "/tasks", Harness.taskBody(path: "\(harness.directory)/*/ingress.log"))
            #expect(bad.status == .unprocessableContent)
            #expect(Harness.errorFields(bad)["target_data.path"]?.contains("only the file name") == true, "\(bad.text)")
        }
    }
}
