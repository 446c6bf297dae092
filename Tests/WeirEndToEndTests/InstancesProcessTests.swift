import Foundation
import Testing
import WeirCore
import WeirTestSupport

/// Three `weir serve` processes on one PostgreSQL database (the server `TEST_POSTGRES_URL` names,
/// which `scripts/test` starts; without it this test fails): they migrate the new database
/// together, run scheduled tasks once per due time between them, and when one is killed with
/// SIGKILL in the middle of a run, another takes the run over from the last committed checkpoint.
@Suite(.serialized)
struct InstancesProcessTests {
    typealias Server = ServiceProcessTests.Server

    @Test func threeInstancesShareTheTasksAndTakeOverAKilledRun() async throws {
        let dir = try WeirProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let databaseURL = try Self.newDatabaseURL()
        let start = ISO8601DateFormatter().string(from: Date().addingTimeInterval(-86_400))
        let big = dir.appendingPathComponent("big.log").path
        let gen = try await WeirProcess.runAwaiting([
            "generate", "--count", "600000", "--rate", "200", "--start", start, "--profile", "attack",
            "--seed", "5", "-f", big,
        ])
        #expect(gen.status == 0, "\(gen.stderr)")

        // The tasks read the real sample beside the repository and files in `dir`.
        let sampleDirectory = URL(fileURLWithPath: WeirProcess.samplePath).standardized.deletingLastPathComponent().path
        // Three instances started together, on a database none of them has seen.
        let servers = try await withThrowingTaskGroup(of: (Int, Server).self) { group in
            for i in 1...3 {
                group.addTask {
                    (
                        i,
                        try await Server.start(
                            directory: dir,
                            environment: [
                                "WEIR_DATABASE_URL": databaseURL, "WEIR_INSTANCE_ID": "i\(i)", "WEIR_RUN_LEASE_SECONDS": "3",
                                "WEIR_LOG_DIR": "\(dir.path)/logs-\(i)",
                                "WEIR_SOURCE_DIRS": "\(dir.path):\(sampleDirectory)",
                            ]
                        )
                    )
                }
            }
            return try await group.reduce(into: [Int: Server]()) { $0[$1.0] = $1.1 }.sorted { $0.key < $1.key }.map(\.value)
        }
        defer { for server in servers where server.process.isRunning { _ = server.stop() } }

        // Part 1: four tasks every 3 s on the real Apache sample; each due time runs once. Each
        // task's first due time is set well after it was created (a loaded machine answers slowly).
        let frequency = 3.0
        var scheduled: [(id: Int, due: TimeInterval)] = []
        for n in 0..<4 {
            let due = Date().addingTimeInterval(8).timeIntervalSince1970.rounded(.up)
            let body = Self.taskBody(name: "shared-\(n)", path: WeirProcess.samplePath, frequency: Int(frequency), next: due)
            let (status, task) = try await servers[n % 3].request("POST", "/tasks", body)
            #expect(status == 201, "\(String(describing: task))")
            scheduled.append((try #require((task as? [String: Any])?["id"] as? Int), due))
        }
        let observed = (scheduled.map(\.due).max() ?? 0) + 10
        try await Task.sleep(for: .seconds(max(0, observed - Date().timeIntervalSince1970)))
        var instancesSeen: Set<String> = []
        for (id, due) in scheduled {
            let runs = try await Self.runs(servers[1], id).filter { $0["status"] as? String != "running" }
            let starts = runs.compactMap { ($0["started_at"] as? String).flatMap(ISO8601DateFormatter().date) }.map(\.timeIntervalSince1970).sorted()
            let dueTimes = Int((Date().timeIntervalSince1970 - due) / frequency) + 1
            #expect(runs.count >= dueTimes - 2 && runs.count <= dueTimes, "task \(id) ran \(runs.count) times for \(dueTimes) due times")
            #expect(runs.allSatisfy { $0["trigger"] as? String == "scheduled" && $0["status"] as? String == "succeeded" })
            #expect(zip(starts, starts.dropFirst()).allSatisfy { $1 - $0 >= frequency - 1 }, "one run per due time: \(starts)")
            #expect(starts.first.map { $0 - due <= 3 } == true, "the first run starts on time: \(starts) for \(due)")
            let lines = runs.compactMap { $0["lines_read"] as? Int }.reduce(0, +)
            #expect(lines == 10_000, "the sample's lines are read once in all, whichever instance ran: \(lines)")
            instancesSeen.formUnion(runs.compactMap { $0["instance"] as? String })
        }
        #expect(instancesSeen.isSubset(of: ["i1", "i2", "i3"]) && !instancesSeen.isEmpty)

        // Part 2: a run of 600,000 lines claimed by instance 3, which is killed in its middle.
        let never = Date().addingTimeInterval(86_400).timeIntervalSince1970
        let killedTask = try await Self.create(servers[0], Self.taskBody(name: "killed", path: big, frequency: 86_400, next: never))
        let referenceTask = try await Self.create(servers[0], Self.taskBody(name: "reference", path: big, frequency: 86_400, next: never))
        let (accepted, claim) = try await servers[2].request("POST", "/tasks/\(killedTask)/run")
        #expect(accepted == 202, "\(String(describing: claim))")
        let killedRun = try #require((claim as? [String: Any])?["run_id"] as? Int)
        try await Task.sleep(for: .seconds(1))
        #expect(try await Self.runs(servers[0], killedTask).first?["status"] as? String == "running", "the run is still reading")
        kill(servers[2].process.processIdentifier, SIGKILL)
        await WeirProcess.waitForExit(servers[2].process)

        // Another instance sees the lease lapse (3 s), takes the task over and finishes it.
        let done = try await Self.waitForSucceeded(servers[0], killedTask, seconds: 120)
        let killed = try #require(try await Self.runs(servers[0], killedTask).first { $0["id"] as? Int == killedRun })
        #expect(killed["status"] as? String == "interrupted")
        #expect(killed["instance"] as? String == "i3")
        #expect((killed["error"] as? String ?? "").contains("instance i3 stopped renewing"))
        #expect(done["trigger"] as? String == "takeover")
        #expect(["i1", "i2"].contains(done["instance"] as? String ?? ""))
        #expect(done["lines_read"] as? Int == 600_000, "read from the last committed checkpoint: the file's start")

        // The taken-over task has exactly the findings of an uninterrupted run of the same file.
        let (referenceAccepted, _) = try await servers[1].request("POST", "/tasks/\(referenceTask)/run")
        #expect(referenceAccepted == 202)
        let reference = try await Self.waitForSucceeded(servers[1], referenceTask, seconds: 120)
        #expect(reference["lines_read"] as? Int == 600_000)
        let takenOver = try await Self.findings(servers[0], killedTask)
        let uninterrupted = try await Self.findings(servers[0], referenceTask)
        #expect(!takenOver.isEmpty)
        #expect(takenOver == uninterrupted, "no finding lost or doubled by the takeover")

        for server in servers.prefix(2) { #expect(await server.stopped() == 0) }
    }

    // MARK: helpers

    static func newDatabaseURL() throws -> String { try TestPostgres.newDatabaseURL(prefix: "weir_e2e") }

    static func taskBody(name: String, path: String, frequency: Int, next: TimeInterval) -> String {
        let time = ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: next))
        return #"{"name":"\#(name)","task_frequency":\#(frequency),"next_run_time":"\#(time)","#
            + #""target_data":{"type":"file","path":"\#(path)","format":"combined"},"#
            + #""properties":{"black_ip_address":["192.0.2.0/24","2001:db8:bad::/48"],"average_requests_per_client_per_time_interval":{"10":40}}}"#
    }

    static func create(_ server: Server, _ body: String) async throws -> Int {
        let (status, task) = try await server.request("POST", "/tasks", body)
        #expect(status == 201, "\(String(describing: task))")
        return try #require((task as? [String: Any])?["id"] as? Int)
    }

    static func runs(_ server: Server, _ id: Int) async throws -> [[String: Any]] {
        (try await server.request("GET", "/tasks/\(id)/runs").1 as? [[String: Any]]) ?? []
    }

    static func waitForSucceeded(_ server: Server, _ id: Int, seconds: Double) async throws -> [String: Any] {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if let run = try await runs(server, id).first(where: { $0["status"] as? String == "succeeded" }) { return run }
            try await Task.sleep(for: .milliseconds(250))
        }
        throw ServiceProcessTests.ServiceTestError("no run of task \(id) succeeded within \(seconds) s: \(try await runs(server, id))")
    }

    /// A task's findings without their ids: rule, client, times, peak and message.
    static func findings(_ server: Server, _ id: Int) async throws -> [String] {
        let list = (try await server.request("GET", "/tasks/\(id)/findings?limit=1000").1 as? [[String: Any]]) ?? []
        return list.map { f in
            ["rule", "client", "first_seen", "last_seen", "peak", "message"].map { "\(f[$0] ?? "-")" }.joined(separator: "|")
        }.sorted()
    }
}
