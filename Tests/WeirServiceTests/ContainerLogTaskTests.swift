import Foundation
import Testing
import WeirCore
import WeirModel
import WeirRules
import WeirService
import WeirTestSupport

/// A task on a container's log file (CRI lines, as under `/var/log/containers/`) finds what a
/// task on the same lines as a plain file finds: the same lines, malformed counts and findings,
/// whether read in one run or in runs that end in the middle of a long line's parts.
struct ContainerLogTaskTests {
    /// The task's lines, malformed lines and findings (rule, client, first, last, peak) after
    /// runs over `pieces`, appended one per run.
    func runs(_ pieces: [[UInt8]], format: String) async throws -> (lines: Int64, malformed: Int64, findings: [String]) {
        let harness = try await Harness.make()
        defer { harness.remove() }
        let path = "\(harness.directory)/web.log"
        FileManager.default.createFile(atPath: path, contents: nil)
        let task = try await harness.store.createTask(
            MonitoringTask(
                name: "container",
                description: "",
                frequency: 3_600,
                nextRunTime: Harness.start + 86_400,
                target: .file(path: path, format: format),
                rules: try TaskRules(properties: RestartTests.properties)
            ),
            now: Harness.start
        )
        var (lines, malformed): (Int64, Int64) = (0, 0)
        try await harness.withCoordinator {
            for piece in pieces {
                let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
                handle.seekToEndOfFile()
                handle.write(Data(piece))
                try handle.close()
                let run = try await harness.runNow(task.id)
                #expect(run.status == .succeeded, "\(run.error ?? "")")
                lines += run.linesRead
                malformed += run.malformedLines
            }
        }
        let findings = try await harness.store.findings(taskID: task.id, query: FindingQuery(limit: 1_000)).map {
            "\($0.finding.rule) \($0.finding.client ?? "-") \($0.finding.first) \($0.finding.last) \($0.finding.peak)"
        }
        try await harness.store.close()
        return (lines, malformed, findings.sorted())
    }

    @Test(arguments: ["combined", "auto"])
    func aCRIFileGivesThePlainFilesFindings(format: String) async throws {
        let harness = try await Harness.make()
        let plainPath = try harness.writeLog(count: 6_000, rate: 20, profile: .attack)
        let plain = try [UInt8](Data(contentsOf: URL(fileURLWithPath: plainPath)))
        try await harness.store.close()
        harness.remove()
        // Every 40th line in three parts (`P`, `P`, `F`), as a runtime writes a long line.
        var cri: [UInt8] = []
        var partEnds: [Int] = []
        for (i, line) in plain.split(separator: 10).enumerated() {
            let parts = i % 40 == 3 ? [line.prefix(20), line.dropFirst(20).prefix(30), line.dropFirst(50)] : [line[...]]
            for (k, part) in parts.enumerated() {
                cri += Array("2027-01-15T07:00:00.000000001Z stdout \(k == parts.count - 1 ? "F" : "P") ".utf8) + part + [10]
                if k < parts.count - 1 { partEnds.append(cri.count) }
            }
        }
        let reference = try await runs([plain], format: "combined")
        #expect(reference.lines == 6_000 && reference.malformed == 0)
        #expect(!reference.findings.isEmpty)
        let whole = try await runs([cri], format: format)
        #expect(whole.lines == reference.lines && whole.malformed == 0)
        #expect(whole.findings == reference.findings)
        // Runs that end just after a long line's first or second part: the line waits, whole.
        let cuts = [partEnds[10], partEnds[41], partEnds[100]]
        var pieces: [[UInt8]] = []
        var start = 0
        for cut in cuts + [cri.count] {
            pieces.append(Array(cri[start..<cut]))
            start = cut
        }
        let pieced = try await runs(pieces, format: format)
        #expect(pieced.lines == reference.lines && pieced.malformed == 0, "\(pieced.lines) lines, \(pieced.malformed) malformed")
        // Rate findings are exact across runs; list rules give one finding per client per run.
        func rates(_ findings: [String]) -> [String] { findings.filter { $0.hasPrefix("average_requests") } }
        #expect(!rates(reference.findings).isEmpty)
        #expect(rates(pieced.findings) == rates(reference.findings))
    }
}
