import Foundation
import Testing
import WeirTestSupport

/// `weir monitor --metrics-listen` as a sidecar exporter, run as a user would: the real binary
/// following the real sample, and receiving syslog over TCP; its `/metrics` counted against the
/// lines themselves.
struct MonitorExporterProcessTests {
    /// `GET /metrics` over a plain socket (the connection closed after the response), or `nil`.
    static func scrape(_ port: Int) -> String? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = Loopback.address(port: port)
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
        guard connected else { return nil }
        let request = Array("GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".utf8)
        guard request.withUnsafeBytes({ send(fd, $0.baseAddress, $0.count, 0) }) == request.count else { return nil }
        var response: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            guard n > 0 else { break }
            response += buffer[0..<n]
        }
        let text = String(decoding: response, as: UTF8.self)
        return text.hasPrefix("HTTP/1.1 200") || text.hasPrefix("HTTP/1.0 200") ? text : nil
    }

    static func sum(_ page: String, _ family: String, matching: String = "") -> Int {
        page.split(separator: "\n").filter { $0.hasPrefix(family + "{") && (matching.isEmpty || $0.contains(matching)) }.compactMap {
            Int($0.split(separator: " ").last ?? "")
        }
        .reduce(0, +)
    }

    /// Polls `/metrics` until `family` sums to `expected` (90 s at most: a debug build parses
    /// slowly, the more so beside the other tests); returns the last page.
    static func waitFor(_ port: Int, _ expected: Int) async throws -> String {
        var page = ""
        for _ in 0..<900 {
            if let p = scrape(port) {
                page = p
                if sum(page, "weir_traffic_requests_total") == expected { break }
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        return page
    }

    /// A monitor started by `launch`, its ports, and where its standard error goes.
    struct Launched {
        let process: Process
        let httpPort: Int
        let otherPort: Int
        let log: URL

        /// Whether the monitor still runs, and what it wrote to standard error (for failures).
        var state: String {
            "running: \(process.isRunning), stderr: \((try? String(contentsOf: log, encoding: .utf8)) ?? "")"
        }

        func stop() {
            process.terminate()
            process.waitUntilExit()
        }
    }

    /// Starts the monitor with `arguments(httpPort, otherPort)` on two free ports and waits (90 s
    /// at most) until its `/metrics` answers. A port another test's connection took between
    /// choosing and binding makes the monitor exit; it then gets two more tries on fresh ports.
    func launch(in dir: URL, _ arguments: (Int, Int) -> [String]) async throws -> Launched {
        var launched: Launched?
        for attempt in 0..<3 {
            let log = dir.appendingPathComponent("stderr-\(attempt)")
            FileManager.default.createFile(atPath: log.path, contents: nil)
            let (httpPort, otherPort) = (Loopback.freePort(Loopback.stream), Loopback.freePort(Loopback.stream))
            let process = Process()
            process.executableURL = WeirProcess.executable
            process.arguments = arguments(httpPort, otherPort)
            process.standardOutput = FileHandle.nullDevice
            process.standardError = try FileHandle(forWritingTo: log)
            try SerialSpawn.run(process)
            launched = Launched(process: process, httpPort: httpPort, otherPort: otherPort, log: log)
            for _ in 0..<900 where process.isRunning {
                if Self.scrape(httpPort) != nil { return launched! }
                try await Task.sleep(for: .milliseconds(100))
            }
        }
        return launched!
    }

    @Test func aFollowedFileIsExportedExactly() async throws {
        let dir = try WeirProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("access.log").path
        let lines = try String(contentsOfFile: WeirProcess.samplePath, encoding: .utf8).split(separator: "\n").prefix(1_500)
        try TestFile.append(path, lines.joined(separator: "\n") + "\n")
        let monitor = try await launch(in: dir) { port, _ in
            [
                "monitor", "-f", path, "--from-start", "-q", "--duration", "600", "--metrics-listen", "127.0.0.1:\(port)",
                "--metrics-route", "/images/**",
            ]
        }
        defer { monitor.stop() }
        let page = try await Self.waitFor(monitor.httpPort, 1_500)
        #expect(Self.sum(page, "weir_traffic_requests_total") == 1_500, "\(monitor.state)")
        for status in ["200", "304", "404"] {
            let expected = lines.filter { $0.split(separator: "\"")[2].split(separator: " ").first.map(String.init) == status }.count
            #expect(Self.sum(page, "weir_traffic_requests_total", matching: "status=\"\(status)\"") == expected, "status \(status)")
        }
        let images = lines.filter { $0.split(separator: "\"")[1].split(separator: " ").dropFirst().first?.hasPrefix("/images/") == true }.count
        #expect(images > 0 && images < 1_500)
        #expect(Self.sum(page, "weir_traffic_requests_total", matching: "route=\"/images/**\"") == images)
        #expect(Self.sum(page, "weir_traffic_requests_total", matching: "route=\"other\"") == 1_500 - images)
        #expect(page.contains("weir_traffic_malformed_lines_total{task=\"\(path)\"} 0"))
        #expect(page.contains("weir_build_info{version="))
    }

    @Test func syslogOverTCPReceivedByTheMonitorIsExportedExactly() async throws {
        let dir = try WeirProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let monitor = try await launch(in: dir) { httpPort, tcpPort in
            ["monitor", "--syslog", "tcp://127.0.0.1:\(tcpPort)", "-q", "--duration", "600", "--metrics-listen", "127.0.0.1:\(httpPort)"]
        }
        defer { monitor.stop() }
        let (httpPort, tcpPort) = (monitor.httpPort, monitor.otherPort)
        let lines = try String(contentsOfFile: WeirProcess.samplePath, encoding: .utf8).split(separator: "\n").prefix(600)
        // Octet-counted, as rsyslog forwards (TCP: none lost, however slow a debug build reads).
        let framed = lines.flatMap { line -> [UInt8] in
            let message = Array("<190>May 17 10:05:03 web-1 apache: \(line)".utf8)
            return Array("\(message.count) ".utf8) + message
        }
        let sent = Loopback.sendTCP(framed, port: tcpPort)
        #expect(sent, "\(monitor.state)")
        let page = try await Self.waitFor(httpPort, 600)
        #expect(Self.sum(page, "weir_traffic_requests_total") == 600, "\(monitor.state)")
        #expect(page.contains("task=\"tcp://127.0.0.1:\(tcpPort)\""))
    }

    @Test func aBadOrBusyMetricsAddressIsOneLine() async throws {
        let bad = try await WeirProcess.runAwaiting(["monitor", "--metrics-listen", "9145"])
        #expect(bad.status == 64)
        #expect(bad.stderr == "weir: --metrics-listen must be HOST:PORT with a port from 1 to 65535, such as 127.0.0.1:9145, got 9145\n")
        let buckets = try await WeirProcess.runAwaiting(["monitor", "--metrics-listen", "127.0.0.1:9145", "--metrics-buckets", "1,0.5"])
        #expect(buckets.status == 64)
        #expect(buckets.stderr == "weir: --metrics-buckets 1,0.5: must be greater than the bound before it (1); bounds increase\n")
        let route = try await WeirProcess.runAwaiting(["monitor", "--metrics-listen", "127.0.0.1:9145", "--metrics-route", "api/*"])
        #expect(route.status == 64)
        #expect(route.stderr.hasPrefix("weir: --metrics-route api/*: must be a path pattern"), "\(route.stderr)")
        let (holder, port) = Loopback.hold(Loopback.stream)
        defer { close(holder) }
        let busy = try await WeirProcess.runAwaiting([
            "monitor", "-f", WeirProcess.samplePath, "--duration", "1", "--metrics-listen", "127.0.0.1:\(port)",
        ])
        #expect(busy.status == 1)
        #expect(
            busy.stderr.hasSuffix("weir: --metrics-listen cannot listen on 127.0.0.1:\(port): the address is in use by another program\n"),
            "\(busy.stderr)"
        )
    }
}
