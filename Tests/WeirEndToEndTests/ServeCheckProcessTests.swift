import Foundation
import Testing
import WeirTestSupport

/// `weir serve --check` as an operator (or a systemd `ExecStartPre=`) runs it: 0 and what was
/// checked when the service can start; 1 and one line per problem when it cannot; nothing started
/// or created either way.
struct ServeCheckProcessTests {
    @Test func aGoodSetupPassesAndWhatKubernetesInjectsIsOnlyAWarning() throws {
        let dir = try WeirProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let database = dir.appendingPathComponent("weir.sqlite").path
        let result = try WeirProcess.run(
            ["serve", "--check", "--port", "0"],
            environment: [
                "WEIR_DATABASE_URL": "sqlite:\(database)", "WEIR_LOG_DIR": dir.appendingPathComponent("logs").path,
                "WEIR_SOURCE_DIRS": dir.path, "WEIR_PORT": "tcp://10.0.0.1:3000", "WEIR_SERVICE_HOST": "10.0.0.1",
                "WEIR_PORT_3000_TCP_ADDR": "10.0.0.1",
            ]
        )
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("weir serve --check: ok: "), "\(result.stdout)")
        #expect(result.stdout.contains("created at start"))
        let warnings = result.stderr.split(separator: "\n").filter { $0.contains("warning:") }
        #expect(warnings.count == 2, "\(result.stderr)")
        #expect(result.stderr.contains("WEIR_PORT_3000_TCP_ADDR, WEIR_SERVICE_HOST"))
        #expect(!FileManager.default.fileExists(atPath: database), "--check creates no database")
    }

    @Test func eachProblemIsOneLineAndTheExitIsOne() throws {
        let dir = try WeirProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // A port in use: listen on one first.
        let (listener, port) = Loopback.hold(Loopback.stream)
        defer { close(listener) }
        // A log folder whose parent is a file: it cannot be created, even by root.
        let file = dir.appendingPathComponent("a-file").path
        try TestFile.append(file, "x")
        let result = try WeirProcess.run(
            ["serve", "--check"],
            environment: [
                "WEIR_DATABASE_URL": "sqlite:/nonexistent-weir/db/weir.sqlite", "WEIR_LOG_DIR": "\(file)/logs",
                "WEIR_SOURCE_DIRS": "\(dir.path):/nonexistent-weir-logs", "WEIR_HOST": "127.0.0.1", "WEIR_PORT": "\(port)",
            ]
        )
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        let lines = result.stderr.split(separator: "\n").map(String.init)
        #expect(lines.count == 4, "\(result.stderr)")
        #expect(lines.contains { $0 == "weir serve --check: WEIR_LOG_DIR \(file)/logs: cannot be created: \(file) is not a folder" })
        #expect(lines.contains { $0 == "weir serve --check: WEIR_SOURCE_DIRS: /nonexistent-weir-logs does not exist; create it or leave it out" })
        #expect(lines.contains { $0.hasPrefix("weir serve --check: WEIR_PORT \(port) on 127.0.0.1 cannot be listened on") })
        #expect(lines.contains { $0.hasPrefix("weir serve --check: WEIR_DATABASE_URL sqlite:/nonexistent-weir/db/weir.sqlite: ") })
    }

    @Test func storedChannelsAndTasksAreCheckedAgainstTheSettings() async throws {
        let dir = try WeirProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let database = "sqlite:" + dir.appendingPathComponent("weir.sqlite").path
        let base = ["WEIR_DATABASE_URL": database, "WEIR_LOG_DIR": dir.appendingPathComponent("logs").path, "WEIR_PORT": "0"]
        #expect(try WeirProcess.run(["setup-db"], environment: base).status == 0)
        // A channel to a host, and a task on a file, both allowed now.
        let log = dir.appendingPathComponent("access.log").path
        try TestFile.append(log, "")
        // And a syslog task, on a UDP port this test holds for the second check.
        let (holder, port) = Loopback.hold(Loopback.datagram)
        let sql = """
            INSERT INTO channels (name, channel_type, url, labels, created_at, updated_at)
                VALUES ('hook', 'webhook', 'https://hooks.example.com/x', '{}', 0, 0);
            INSERT INTO tasks (name, description, frequency, next_run_time, is_active, target_data, properties, created_at, updated_at)
                VALUES ('nginx', '', 60, 0, 1, '{"type":"file","path":"\(log)","format":"combined"}', '{}', 0, 0);
            INSERT INTO tasks (name, description, frequency, next_run_time, is_active, target_data, properties, created_at, updated_at)
                VALUES ('fleet', '', 60, 0, 1, '{"type":"syslog","listen":"udp://127.0.0.1:\(port)","format":"auto"}', '{}', 0, 0);
            """
        let sqlite = Process()
        sqlite.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        sqlite.arguments = [
            "python3", "-c", "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.executescript(sys.argv[2]); c.commit()",
            String(database.dropFirst(7)), sql,
        ]
        try SerialSpawn.run(sqlite)
        sqlite.waitUntilExit()
        #expect(sqlite.terminationStatus == 0)
        let checkedEnvironment = base.merging(["WEIR_SOURCE_DIRS": dir.path, "WEIR_SYSLOG_DIR": dir.appendingPathComponent("syslog").path]) { $1 }
        // The port is held: one line names the task and the reason.
        let held = try WeirProcess.run(["serve", "--check"], environment: checkedEnvironment)
        #expect(held.status == 1)
        #expect(
            held.stderr.contains("weir serve --check: task 2 (fleet): cannot listen on udp://127.0.0.1:\(port): the address is in use"),
            "\(held.stderr)"
        )
        close(holder)
        let ok = try WeirProcess.run(["serve", "--check"], environment: checkedEnvironment)
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(ok.stdout.contains("1 channel(s), 2 active task(s)"), "\(ok.stdout)")
        // Settings that no longer allow them.
        let other = try WeirProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: other) }
        let bad = try WeirProcess.run(
            ["serve", "--check"],
            environment: base.merging(["WEIR_SOURCE_DIRS": other.path, "WEIR_NOTIFY_HOSTS": "hooks.slack.com"]) { $1 }
        )
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("weir serve --check: channel 1 (hook): "), "\(bad.stderr)")
        #expect(bad.stderr.contains("weir serve --check: task 1 (nginx): "), "\(bad.stderr)")
    }

    /// SIGHUP (a stray `systemctl reload`, an operator's `kill -HUP`) is logged and the service
    /// goes on serving; SIGTERM still stops it cleanly.
    @Test func aHangupIsLoggedAndTheServiceGoesOn() async throws {
        let dir = try WeirProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let server = try await ServiceProcessTests.Server.start(
            directory: dir,
            environment: ["WEIR_DATABASE_URL": "sqlite:\(dir.path)/weir.sqlite", "WEIR_LOG_DIR": "\(dir.path)/logs", "WEIR_SOURCE_DIRS": dir.path]
        )
        kill(server.process.processIdentifier, SIGHUP)
        try await Task.sleep(for: .milliseconds(500))
        #expect(server.process.isRunning)
        let (status, _) = try await server.request("GET", "/health")
        #expect(status == 200)
        #expect(await server.stopped() == 0)
        let log = String(decoding: server.stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(log.contains("SIGHUP received"), "\(log)")
    }
}
