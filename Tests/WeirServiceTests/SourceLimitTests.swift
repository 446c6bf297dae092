import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import WeirRules
import WeirService
import WeirStore

#if canImport(Glibc)
import Glibc
import WeirModel
#endif

/// File sources are confined to `WEIR_SOURCE_DIRS` and to regular files, and a run cannot
/// outlast `WEIR_RUN_TIMEOUT`: no task can read what it should not, or hang a slot.
struct SourceLimitTests {
    @Test func pathsOutsideTheSourceDirectoriesOrNotRegularFilesAre422() async throws {
        let harness = try await Harness.make()
        defer { harness.remove() }
        let fifo = "\(harness.directory)/pipe.log"
        #expect(mkfifo(fifo, 0o600) == 0)
        let link = "\(harness.directory)/passwd.log"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "/etc/passwd")
        let app = Application(router: harness.server.makeRouter())
        try await app.test(.router) { client in
            let cases: [(String, String)] = [
                ("/etc/shadow", "outside the directories"),
                (link, "resolves to /etc/passwd"),
                ("\(harness.directory)/../../etc/passwd", "outside the directories"),
                (fifo, "a FIFO (named pipe), not a regular file"),
                (harness.directory, "a directory, not a regular file"),
            ]
            for (path, problem) in cases {
                let response = try await client.request(.post, "/tasks", Harness.taskBody(path: path))
                #expect(response.status == .unprocessableContent, "\(path)")
                #expect(Harness.errorFields(response)["target_data.path"]?.contains(problem) == true, "\(path): \(response.text)")
            }
            let allowed = try await client.request(.post, "/tasks", Harness.taskBody(path: "\(harness.directory)/later.log"))
            #expect(allowed.status == .created, "a log that does not exist yet may be named")
        }
        try await harness.store.close()
    }

    @Test func aFileThatBecameAFIFOFailsItsRunInsteadOfBlockingIt() async throws {
        let harness = try await Harness.make()
        defer { harness.remove() }
        let path = "\(harness.directory)/access.log"
        #expect(mkfifo(path, 0o600) == 0)
        let task = try await harness.storedTask("fifo", path: path)
        let run = try await harness.runOnce(task)
        #expect(run.status == .failed)
        #expect(run.error?.contains("a FIFO (named pipe), not a regular file") == true, "\(run.error ?? "")")
        try await harness.store.close()
    }

    @Test func aFileMovedOutsideTheSourceDirectoriesFailsItsRun() async throws {
        let harness = try await Harness.make(settings: ["WEIR_SOURCE_DIRS": "/var/log"])
        defer { harness.remove() }
        let log = try harness.writeLog(count: 100)
        let task = try await harness.storedTask("moved", path: log)
        let run = try await harness.runOnce(task)
        #expect(run.status == .failed && run.linesRead == 0)
        #expect(run.error?.contains("outside the directories Weir may read (/var/log)") == true, "\(run.error ?? "")")
        try await harness.store.close()
    }

    @Test func aRunOverItsTimeoutIsStoppedAndRecordedFailed() async throws {
        // Each 65,536 lines the progress hook holds the reading thread for 0.4 s, so the whole
        // file would take about 2.4 s: well over the 1 s timeout.
        let harness = try await Harness.make(settings: ["WEIR_RUN_TIMEOUT": "1"]) { _ in usleep(400_000) }
        defer { harness.remove() }
        let log = try harness.writeLog(count: 400_000, rate: 100)
        let task = try await harness.storedTask("slow", path: log)
        let started = ContinuousClock.now
        let run = try await harness.runOnce(task)
        #expect(started.duration(to: .now) < .seconds(10))
        #expect(run.status == .failed)
        #expect(run.error?.contains("did not finish within WEIR_RUN_TIMEOUT (1 s)") == true, "\(run.error ?? "")")
        #expect(try await harness.store.checkpoint(taskID: task.id) == nil, "nothing was committed")
        try await harness.store.close()
    }
}
