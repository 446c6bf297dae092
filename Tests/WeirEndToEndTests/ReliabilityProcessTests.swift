import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The service stopped at random points of a large run, twenty times, by SIGKILL and SIGTERM in
/// turn, and restarted each time: nothing is lost or counted twice. The findings of the run that
/// finally completes equal those of one clean run of the same file.
struct ReliabilityProcessTests {
    typealias Server = ServiceProcessTests.Server

    /// The comparable part of a finding, as the API shows it.
    static func key(_ finding: [String: Any]) -> String {
        ["rule", "client", "first_seen", "last_seen", "peak", "message"].map { "\(finding[$0] ?? "-")" }.joined(separator: "|")
    }

    static func waitForRun(_ server: Server, task: Int, seconds: Double = 120) async throws -> [String: Any] {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            let runs = (try await server.request("GET", "/tasks/\(task)/runs?limit=1").1 as? [[String: Any]]) ?? []
            if let run = runs.first, run["status"] as? String != "running" { return run }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw ServiceProcessTests.ServiceTestError("task \(task)'s run did not end within \(seconds) s")
    }

    @Test func killedAndStoppedTwentyTimesMidRunLosesAndDoublesNothing() async throws {
        let dir = try WeirProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let log = dir.appendingPathComponent("access.log").path
        let generated = try await WeirProcess.runAwaiting([
            "generate", "--count", "1500000", "--rate", "60", "--start", "2026-03-01T00:00:00Z", "--profile", "attack", "--seed", "5",
            "-f", log,
        ])
        #expect(generated.status == 0, "\(generated.stderr)")
        let environment = ["WEIR_DATABASE_URL": "sqlite:weir.sqlite", "WEIR_LOG_DIR": "\(dir.path)/logs"]
        let body = { (name: String) in
            #"{"name":"\#(name)","task_frequency":3600,"next_run_time":"2030-01-01T00:00:00Z","#
                + #""target_data":{"type":"file","path":"\#(log)","format":"combined"},"#
                + #""properties":{"black_ip_address":["192.0.2.0/24","2001:db8:bad::/48"],"#
                + #""average_requests_per_client_per_time_interval":{"10":40},"average_requests_per_time_interval":{"60":4000}}}"#
        }

        var server = try await Server.start(directory: dir, environment: environment)
        #expect(try await server.request("POST", "/tasks", body("interrupted")).0 == 201)
        // Kill points spread over the run, the same every time (a fixed seed).
        var state: UInt64 = 2026
        var interruptions = 0
        for round in 0..<20 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let wait = 0.3 + Double(state >> 33) / Double(1 << 31) * 1.0
            // The signal is sent from a thread of its own, timed from the request: under a loaded
            // test run this process's async tasks can be held up for seconds, a thread is not.
            let pid = server.process.processIdentifier
            let signal = round % 2 == 0 ? SIGKILL : SIGTERM
            let killer = Thread {
                usleep(useconds_t(wait * 1_000_000))
                kill(pid, signal)
            }
            killer.start()
            _ = try? await server.request("POST", "/tasks/1/run")
            while server.process.isRunning { try await Task.sleep(for: .milliseconds(20)) }
            if signal == SIGTERM {
                #expect(server.process.terminationReason == .exit && server.process.terminationStatus == 0, "SIGTERM exits 0")
            }
            server = try await Server.start(directory: dir, environment: environment)
            let runs = (try await server.request("GET", "/tasks/1/runs?limit=1").1 as? [[String: Any]]) ?? []
            let last = try #require(runs.first)
            // Killed or stopped mid-run: interrupted (by the shutdown, or by the restart's sweep).
            // A run that had already finished before the signal is succeeded, and that is fine too:
            // the next one then reads nothing new.
            #expect(["interrupted", "succeeded"].contains(last["status"] as? String ?? ""), "round \(round): \(last)")
            if last["status"] as? String == "interrupted" { interruptions += 1 }
        }
        #expect(interruptions >= 5, "the signals came mid-run")
        // Let the task finish, then run the same file once, cleanly, in a second task.
        let finished = try await Self.waitForRun(server, task: 1)
        if finished["status"] as? String != "succeeded" {
            #expect(try await server.request("POST", "/tasks/1/run").0 == 202)
            #expect(try await Self.waitForRun(server, task: 1)["status"] as? String == "succeeded")
        }
        #expect(try await server.request("POST", "/tasks", body("clean")).0 == 201)
        #expect(try await server.request("POST", "/tasks/2/run").0 == 202)
        #expect(try await Self.waitForRun(server, task: 2)["status"] as? String == "succeeded")

        let interrupted = (try await server.request("GET", "/tasks/1/findings?limit=1000").1 as? [[String: Any]]) ?? []
        let clean = (try await server.request("GET", "/tasks/2/findings?limit=1000").1 as? [[String: Any]]) ?? []
        #expect(!clean.isEmpty)
        #expect(interrupted.map(Self.key).sorted() == clean.map(Self.key).sorted())
        let lines = { (task: Int) async throws -> Int in
            let runs = (try await server.request("GET", "/tasks/\(task)/runs?limit=1000").1 as? [[String: Any]]) ?? []
            return runs.filter { $0["status"] as? String == "succeeded" }.compactMap { $0["lines_read"] as? Int }.reduce(0, +)
        }
        #expect(try await lines(1) == 1_500_000, "every line read exactly once by committed runs")
        #expect(try await lines(2) == 1_500_000)
        #expect(await server.stopped() == 0)
    }
}
