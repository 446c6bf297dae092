import NIOCore
import NIOPosix
import Synchronization
import WeirLog

/// A socket that receives syslog messages, over UDP (one message per datagram) or TCP (RFC 6587
/// framing, any number of connections), and hands their lines to a ``SyslogSink`` in batches:
/// what one read of the socket brought, written at once.
package final class SyslogListener: Sendable {
    package let address: SyslogAddress
    private let channel: any Channel
    private let connections: Connections

    /// The longest message kept; a longer one is refused whole and counted.
    package static let maxMessageLength = 64 * 1024

    /// Binds `address`; throws a ``SyslogListenerError`` that says why it could not.
    package static func bind(
        _ address: SyslogAddress,
        keepsHost: Bool,
        into sink: any SyslogSink,
        report: @escaping @Sendable (SyslogTally) -> Void
    ) async throws -> SyslogListener {
        let connections = Connections()
        let group = MultiThreadedEventLoopGroup.singleton
        do {
            let channel: any Channel
            switch address.transport {
            case .udp:
                // No SO_REUSEADDR: on UDP it would let a second listener share the port.
                channel = try await DatagramBootstrap(group: group)
                    .channelOption(.socketOption(.so_rcvbuf), value: 8 << 20)
                    .channelOption(.recvAllocator, value: FixedSizeRecvByteBufferAllocator(capacity: 1 << 16))
                    .channelOption(.maxMessagesPerRead, value: 64)
                    .channelInitializer { channel in
                        channel.eventLoop.makeCompletedFuture {
                            try channel.pipeline.syncOperations.addHandler(
                                SyslogDatagramHandler(SyslogBatcher(keepsHost: keepsHost, sink: sink, report: report))
                            )
                        }
                    }
                    .bind(host: address.host, port: address.port).get()
            case .tcp:
                channel = try await ServerBootstrap(group: group)
                    .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                    .childChannelOption(.maxMessagesPerRead, value: 16)
                    .childChannelInitializer { channel in
                        connections.add(channel)
                        channel.closeFuture.whenComplete { _ in connections.remove(channel) }
                        return channel.eventLoop.makeCompletedFuture {
                            try channel.pipeline.syncOperations.addHandler(
                                SyslogStreamHandler(SyslogBatcher(keepsHost: keepsHost, sink: sink, report: report))
                            )
                        }
                    }
                    .bind(host: address.host, port: address.port).get()
            }
            return SyslogListener(address: address, channel: channel, connections: connections)
        } catch {
            throw SyslogListenerError(address: address, error: error)
        }
    }

    private init(address: SyslogAddress, channel: any Channel, connections: Connections) {
        self.address = address
        self.channel = channel
        self.connections = connections
    }

    /// The port bound (the one asked for, or the one the system chose for port 0 in tests).
    package var boundPort: Int? { channel.localAddress?.port }

    /// Serves until ``close()`` or cancellation.
    package func run() async {
        await withTaskCancellationHandler {
            try? await channel.closeFuture.get()
        } onCancel: {
            close()
        }
    }

    /// Stops listening and closes every TCP connection.
    package func close() {
        channel.close(promise: nil)
        connections.closeAll()
    }

    /// The open TCP connections, to close with the listener.
    final class Connections: Sendable {
        private let open = Mutex<[ObjectIdentifier: any Channel]>([:])
        func add(_ channel: any Channel) { open.withLock { $0[ObjectIdentifier(channel)] = channel } }
        func remove(_ channel: any Channel) { _ = open.withLock { $0.removeValue(forKey: ObjectIdentifier(channel)) } }
        func closeAll() { for channel in open.withLock({ Array($0.values) }) { channel.close(promise: nil) } }
    }
}

extension SyslogListener {
    /// Runs `body` while a listener on `address` (none when `nil`) puts what it receives into
    /// `sink`; refused messages are told to `warn`, at most once a second. A listener that cannot
    /// start throws before `body` runs.
    package static func receiving(
        on address: SyslogAddress?,
        keepsHost: Bool,
        into sink: any SyslogSink,
        warn: @escaping @Sendable (String) -> Void,
        _ body: () async throws -> Void
    ) async throws {
        guard let address else { return try await body() }
        let listener = try await bind(address, keepsHost: keepsHost, into: sink) { tally in
            if tally.tooLong > 0 { warn("refused \(tally.tooLong) syslog message(s) over 64 KiB on \(address)") }
            if tally.lost > 0 { warn("lost \(tally.lost) syslog message(s) on \(address): \(tally.lostBecause ?? "")") }
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await listener.run() }
            defer { listener.close() }
            try await body()
            listener.close()
            try await group.waitForAll()
        }
    }
}
