import Foundation
import Logging
import NIOCore
import NIOPosix
import Testing
import WeirCore
import WeirLog
import WeirModel
import WeirRules
import WeirService
import WeirSources
import WeirTestSupport

/// Syslog tasks through the service: the listeners it starts for them, the journal they write,
/// and runs that read every message once, across runs and over the journal's bound.
struct SyslogTaskTests {
    /// A free port on 127.0.0.1 for `transport`.
    static func freePort(_ transport: SyslogAddress.Transport) throws -> Int {
        Loopback.freePort(transport == .udp ? Loopback.datagram : Loopback.stream)
    }

    /// `count` combined lines from `from`, each as an RFC 3164 message from host `web-(i % 3)`.
    static func messages(_ count: Int, from: Int = 0) -> [[UInt8]] {
        (from..<(from + count)).map { i in
            let line =
                #"10.0.\#(i % 250).\#(i % 7) - - [15/Jan/2027:07:00:\#(String(format: "%02d", i % 60)) +0000] "GET /p/\#(i) HTTP/1.1" 200 \#(i) "-" "test""#
            return Array("<190>Jan 15 07:00:00 web-\(i % 3) nginx: \(line)".utf8)
        }
    }

    static func sendUDP(_ messages: [[UInt8]], port: Int) throws {
        guard Loopback.sendUDP(messages, port: port) else { throw CancellationError() }
    }

    /// Sends `messages` over one TCP connection, octet-counted, in pieces of 1 to 700 bytes.
    static func sendTCP(_ messages: [[UInt8]], port: Int) async throws {
        var stream: [UInt8] = []
        for message in messages { stream += Array("\(message.count) ".utf8) + message }
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton).connect(host: "127.0.0.1", port: port).get()
        var start = 0
        var size = 1
        while start < stream.count {
            let end = min(stream.count, start + size)
            try await channel.writeAndFlush(ByteBuffer(bytes: stream[start..<end])).get()
            start = end
            size = size * 7 % 701 + 1
        }
        try await channel.close().get()
    }

    /// Lines written to the journal of `address` so far.
    static func journaled(_ root: String, _ address: SyslogAddress) -> Int {
        let folder = root + "/" + address.folderName
        return SyslogJournal.segmentNumbers(in: folder).reduce(0) { $0 + Int(SyslogJournal.countLines(SyslogJournal.path(folder, $1))) }
    }

    static func waitUntil(_ condition: () -> Bool) async throws {
        for _ in 0..<500 where !condition() { try await Task.sleep(for: .milliseconds(10)) }
        #expect(condition())
    }

    func task(_ harness: Harness, _ listen: String, vhost: Bool = false) async throws -> MonitoringTask {
        try await harness.store.createTask(
            MonitoringTask(
                name: listen,
                description: "",
                frequency: 3_600,
                nextRunTime: Harness.start + 86_400,
                target: .syslog(SyslogTarget(address: try SyslogAddress(listen), format: "auto", hostnameAsVhost: vhost)),
                rules: try TaskRules(properties: .object([:]))
            ),
            now: Harness.start
        )
    }

    /// Runs `body` with the run coordinator and the service's listeners running (checking the
    /// tasks every 20 ms).
    func withListeners(_ harness: Harness, _ body: () async throws -> Void) async throws {
        let listeners = SyslogListeners(
            store: harness.store,
            clock: SystemClock(),
            registry: harness.server.syslog,
            folder: harness.settings.syslogDirectory,
            journalBytes: Int64(harness.settings.syslogJournalMB) << 20,
            metrics: harness.server.metrics,
            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }),
            tick: 0.02
        )
        try await harness.withCoordinator {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await listeners.run() }
                defer { group.cancelAll() }
                try await body()
            }
        }
    }

    @Test func everyMessageOverUDPAndTCPIsReadOnceAcrossRuns() async throws {
        let harness = try await Harness.make()
        defer { harness.remove() }
        let (udpPort, tcpPort) = (try Self.freePort(.udp), try Self.freePort(.tcp))
        let udp = try await task(harness, "udp://127.0.0.1:\(udpPort)")
        let tcp = try await task(harness, "tcp://127.0.0.1:\(tcpPort)", vhost: true)
        let root = harness.settings.syslogDirectory
        try await withListeners(harness) {
            try await Self.waitUntil {
                harness.server.syslog.isListening(try! SyslogAddress("udp://127.0.0.1:\(udpPort)"))
                    && harness.server.syslog.isListening(try! SyslogAddress("tcp://127.0.0.1:\(tcpPort)"))
            }
            var expected = 0
            for batch in [1_000, 300, 0] {
                try Self.sendUDP(Self.messages(batch, from: expected), port: udpPort)
                try await Self.sendTCP(Self.messages(batch, from: expected), port: tcpPort)
                expected += batch
                try await Self.waitUntil {
                    Self.journaled(root, try! SyslogAddress("udp://127.0.0.1:\(udpPort)")) == expected
                        && Self.journaled(root, try! SyslogAddress("tcp://127.0.0.1:\(tcpPort)")) == expected
                }
                for task in [udp, tcp] {
                    let run = try await harness.runNow(task.id)
                    #expect(run.status == .succeeded, "\(run.error ?? "")")
                    #expect(run.linesRead == Int64(batch) && run.malformedLines == 0, "\(task.name): \(run.linesRead)")
                }
            }
            let metrics = harness.server.metrics.render()
            #expect(metrics.contains("weir_syslog_messages_total{listen=\"udp://127.0.0.1:\(udpPort)\"} 1300"))
            #expect(metrics.contains("weir_syslog_messages_total{listen=\"tcp://127.0.0.1:\(tcpPort)\"} 1300"))
        }
        try await harness.store.close()
    }

    @Test func aFloodOverTheBoundIsCountedToTheLine() async throws {
        let harness = try await Harness.make(settings: ["WEIR_SYSLOG_JOURNAL_MB": "1"])
        defer { harness.remove() }
        let port = try Self.freePort(.tcp)
        let flooded = try await task(harness, "tcp://127.0.0.1:\(port)")
        let address = try SyslogAddress("tcp://127.0.0.1:\(port)")
        try await withListeners(harness) {
            try await Self.waitUntil { harness.server.syslog.isListening(address) }
            // About 2.6 MB of lines into a journal of 1 MiB.
            try await Self.sendTCP(Self.messages(20_000), port: port)
            let metric = "weir_syslog_messages_total{listen=\"\(address)\"} 20000"
            try await Self.waitUntil { harness.server.metrics.render().contains(metric) }
            let run = try await harness.runNow(flooded.id)
            #expect(run.status == .succeeded)
            let note = try #require(run.notes.first { $0.contains("were dropped from its journal") })
            let dropped = try #require(Int64(note.prefix { $0 != " " }))
            #expect(run.linesRead + dropped == 20_000, "\(run.linesRead) read, \(dropped) dropped")
            #expect(run.linesRead > 0 && dropped > 0)
            #expect(harness.server.metrics.render().contains("weir_syslog_dropped_lines_total{task=\"\(flooded.id)\"} \(dropped)"))
        }
        try await harness.store.close()
    }

    @Test func aPortInUseIsSaidOnceAndRunsThatAskFail() async throws {
        let harness = try await Harness.make()
        defer { harness.remove() }
        let port = try Self.freePort(.udp)
        let holder = try await DatagramBootstrap(group: MultiThreadedEventLoopGroup.singleton).bind(host: "127.0.0.1", port: port).get()
        let address = try SyslogAddress("udp://127.0.0.1:\(port)")
        let held = try await task(harness, address.description)
        try await withListeners(harness) {
            try await Self.waitUntil { harness.server.syslog.problem(address)?.contains("in use") == true }
            let run = try await harness.runNow(held.id)
            #expect(run.status == .failed)
            #expect(run.error?.contains("cannot listen on \(address): the address is in use") == true, "\(run.error ?? "")")
            // The scheduler leaves it to the instance that listens.
            #expect(!harness.server.syslog.runsHere(held))
        }
        try await holder.close()
        try await harness.store.close()
    }

    @Test func anInstanceThatDoesNotListenDoesNotRunSyslogTasks() async throws {
        let harness = try await Harness.make(settings: ["WEIR_SYSLOG_LISTEN": "false"])
        defer { harness.remove() }
        let held = try await task(harness, "udp://127.0.0.1:5514")
        let run = try await harness.runOnce(held)
        #expect(run.status == .failed)
        #expect(run.error?.contains("WEIR_SYSLOG_LISTEN=false") == true, "\(run.error ?? "")")
        #expect(!harness.server.syslog.runsHere(held))
        try await harness.store.close()
    }
}
