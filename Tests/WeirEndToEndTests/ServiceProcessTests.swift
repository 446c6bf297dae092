import Foundation
import Testing
import WeirTestSupport

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `weir setup-db` and `weir serve` as processes, the way an operator runs them: a temporary
/// database, a generated log with a blacklisted client and a per-client burst, a task created over
/// HTTP, its scheduled run awaited, its findings read back, then SIGTERM.
@Suite(.serialized)
struct ServiceProcessTests {
    /// A running `weir serve` and the port it listens on (its fields are set once, so it may be
    /// shared across tasks).
    final class Server: @unchecked Sendable {
        let process = Process()
        let port: Int
        let stderr = Pipe()

        init(directory: URL, environment: [String: String]) throws {
            process.executableURL = WeirProcess.executable
            process.arguments = ["serve", "--port", "0"]
            process.currentDirectoryURL = directory
            process.environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("WEIR_") }.merging(environment) { $1 }
            let out = Pipe()
            process.standardOutput = out
            process.standardError = stderr
            try SerialSpawn.run(process)
            var text = ""
            let deadline = Date().addingTimeInterval(30)
            while !text.contains("listening on"), Date() < deadline, process.isRunning {
                text += String(decoding: out.fileHandleForReading.availableData, as: UTF8.self)
            }
            guard let range = text.range(of: #"127\.0\.0\.1:(\d+)"#, options: .regularExpression),
                let port = Int(text[range].split(separator: ":")[1])
            else {
                process.terminate()
                throw ServiceTestError("weir serve did not say where it listens: \(text)")
            }
            self.port = port
        }

        /// Starts `weir serve` on a thread of its own, so that waiting for it to say where it
        /// listens holds up none of the test process's concurrent tasks (a receiver among them).
        static func start(directory: URL, environment: [String: String]) async throws -> Server {
            try await withCheckedThrowingContinuation { continuation in
                Thread.detachNewThread {
                    continuation.resume(with: Result { try Server(directory: directory, environment: environment) })
                }
            }
        }

        func stop() -> Int32 {
            process.terminate()  // SIGTERM
            process.waitUntilExit()
            return process.terminationStatus
        }

        /// Sends SIGTERM and waits for the exit off the concurrent pool; returns the exit status.
        func stopped() async -> Int32 {
            process.terminate()
            await WeirProcess.waitForExit(process)
            return process.terminationStatus
        }

        func request(
            _ method: String,
            _ path: String,
            _ body: String? = nil,
            token: String? = nil,
            headers: [String: String] = [:]
        ) async throws -> (Int, Any?) {
            var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
            request.httpMethod = method
            for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
            if let body {
                request.httpBody = Data(body.utf8)
                request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            }
            if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
            let (data, response) = try await URLSession.shared.data(for: request)
            return ((response as? HTTPURLResponse)?.statusCode ?? 0, try? JSONSerialization.jsonObject(with: data))
        }
    }

    struct ServiceTestError: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    /// Each background service runs until shutdown, whatever the settings turn off: one that
    /// returned at once would end the whole service group (as the syslog listeners once did with
    /// WEIR_SYSLOG_LISTEN=false).
    @Test(arguments: [["WEIR_SYSLOG_LISTEN": "false"], ["WEIR_TRAFFIC_METRICS": "false"], [:]])
    func servesOnWhateverIsTurnedOff(settings: [String: String]) async throws {
        let dir = try WeirProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let server = try await Server.start(directory: dir, environment: settings)
        try await Task.sleep(for: .seconds(3))
        #expect(server.process.isRunning, "weir serve ended with \(settings)")
        let (status, _) = try await server.request("GET", "/health")
        #expect(status == 200)
        #expect(await server.stopped() == 0)
    }

    @Test func setupDBIsRepeatableAndBadSettingsStopStartUp() async throws {
        let dir = try WeirProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = "sqlite://\(dir.path)/weir.sqlite"
        let first = try await WeirProcess.runAwaiting(["setup-db", "--database-url", url])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("migrated from version 0 to 8"))
        let second = try await WeirProcess.runAwaiting(["setup-db", "--database-url", url])
        #expect(second.stdout.contains("already at version 8"))
        let reset = try await WeirProcess.runAwaiting(["setup-db", "--database-url", url, "--reset"])
        #expect(reset.status != 0 && reset.stderr.contains("--yes"))
        let badPort = try await WeirProcess.runAwaiting(["serve", "--database-url", url, "--port", "http"])
        #expect(badPort.status != 0)
        #expect(badPort.stderr == "weir: The value 'http' is invalid for '--port <PORT>'\n")
        let farPort = try await WeirProcess.runAwaiting(["serve", "--database-url", url, "--port", "70000"])
        #expect(farPort.status == 64)
        #expect(farPort.stderr == "weir: --port must be a port number from 0 to 65535 (0 picks a free one), got 70000\n")
        let badURL = try await WeirProcess.runAwaiting(["serve", "--database-url", "mysql://db"])
        #expect(badURL.status != 0 && badURL.stderr.hasPrefix("weir: WEIR_DATABASE_URL"))
        #expect(badURL.stderr.split(separator: "\n").count == 1)
    }

    /// Headers over 8 KiB in all are a 431 with the JSON error body, below the router (the HTTP
    /// decoder refuses them), and the service goes on answering; a long URL counts with them.
    @Test func oversizedHeadersAre431WithTheErrorBody() async throws {
        let dir = try WeirProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let server = try await Server.start(directory: dir, environment: ["WEIR_DATABASE_URL": "sqlite:weir.sqlite"])
        defer { _ = server.stop() }
        let (fits, _) = try await server.request("GET", "/tasks", headers: ["X-Padding": String(repeating: "a", count: 7_000)])
        #expect(fits == 200)
        for size in [9_000, 100_000] {
            let (status, body) = try await server.request("GET", "/tasks", headers: ["X-Padding": String(repeating: "a", count: size)])
            #expect(status == 431)
            let error = (body as? [String: Any])?["error"] as? [String: Any]
            #expect(error?["code"] as? String == "headers_too_large")
        }
        let (longURL, _) = try await server.request("GET", "/tasks?x=" + String(repeating: "a", count: 9_000))
        #expect(longURL == 431)
        let (health, _) = try await server.request("GET", "/health")
        #expect(health == 200)
    }

    @Test func aTaskCreatedOverHTTPRunsOnScheduleAndReportsItsFindings() async throws {
        let dir = try WeirProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let log = dir.appendingPathComponent("access.log").path
        // 30,000 lines at 50/s from two hours ago: the attack profile's bad IPs (192.0.2.0/24) and
        // its flood from 203.0.113.77 are in them.
        let start = ISO8601DateFormatter().string(from: Date().addingTimeInterval(-7_200))
        let gen = try await WeirProcess.runAwaiting([
            "generate", "--count", "30000", "--rate", "50", "--start", start, "--profile", "attack",
            "--seed", "11", "-f", log,
        ])
        #expect(gen.status == 0, "\(gen.stderr)")
        let token = "e2e-token"
        let server = try await Server.start(
            directory: dir,
            environment: [
                "WEIR_DATABASE_URL": "sqlite:weir.sqlite", "WEIR_API_TOKEN": token, "WEIR_LOG_DIR": "\(dir.path)/logs",
            ]
        )

        let (health, _) = try await server.request("GET", "/health")
        #expect(health == 200)
        // One writer per SQLite file: a second service, or a reset, on the same database is refused.
        let database = "sqlite://\(dir.path)/weir.sqlite"
        let second = try await WeirProcess.runAwaiting(["serve", "--port", "0", "--database-url", database])
        #expect(second.status != 0)
        #expect(second.stderr.contains("is in use by another weir serve"), "\(second.stderr)")
        #expect(second.stderr.split(separator: "\n").count == 1)
        let reset = try await WeirProcess.runAwaiting(["setup-db", "--database-url", database, "--reset", "--yes"])
        #expect(reset.status != 0 && reset.stderr.contains("is in use by another weir serve"), "\(reset.stderr)")
        let (unauthorized, _) = try await server.request("GET", "/tasks")
        #expect(unauthorized == 401)
        let next = ISO8601DateFormatter().string(from: Date().addingTimeInterval(3))
        let body =
            #"{"name":"e2e","task_frequency":3600,"next_run_time":"\#(next)","target_data":{"type":"file","path":"\#(log)","format":"combined"},"#
            + #""properties":{"black_ip_address":["192.0.2.0/24","2001:db8:bad::/48"],"average_requests_per_client_per_time_interval":{"10":40}}}"#
        let (created, task) = try await server.request("POST", "/tasks", body, token: token)
        #expect(created == 201, "\(String(describing: task))")
        let id = try #require((task as? [String: Any])?["id"] as? Int)

        // Wait for the scheduled run (due in 3 s; the scheduler looks every second).
        var runs: [[String: Any]] = []
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            runs = (try await server.request("GET", "/tasks/\(id)/runs", token: token).1 as? [[String: Any]]) ?? []
            if runs.first?["status"] as? String == "succeeded" { break }
            try await Task.sleep(for: .milliseconds(250))
        }
        #expect(runs.count == 1)
        #expect(runs.first?["trigger"] as? String == "scheduled")
        #expect(runs.first?["status"] as? String == "succeeded")
        #expect(runs.first?["lines_read"] as? Int == 30_000)

        let findings = (try await server.request("GET", "/tasks/\(id)/findings?limit=1000", token: token).1 as? [[String: Any]]) ?? []
        let black = findings.filter { $0["rule"] as? String == "black_ip_address" }
        #expect(!black.isEmpty)
        #expect(
            black.allSatisfy { ($0["client"] as? String ?? "").hasPrefix("192.0.2.") || ($0["client"] as? String ?? "").hasPrefix("2001:db8:bad:") }
        )
        let bursts = findings.filter { $0["rule"] as? String == "average_requests_per_client_per_time_interval" }
        #expect(bursts.contains { $0["client"] as? String == "203.0.113.77" && ($0["peak"] as? Int ?? 0) > 40 })
        #expect(FileManager.default.fileExists(atPath: "\(dir.path)/logs/\(id)-e2e/black_ip_address.log"))
        let (_, metrics) = try await server.request("GET", "/metrics")
        _ = metrics
        #expect(await server.stopped() == 0, "SIGTERM stops the service cleanly")
    }
}
