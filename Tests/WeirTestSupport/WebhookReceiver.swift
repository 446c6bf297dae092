import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization
import WeirCore
import WeirNotify

/// A webhook receiver for the tests, on loopback: it checks each delivery's signature, answers
/// with the status it is told to, and counts deliveries by `X-Weir-Delivery`. `stop()` then
/// `start()` on the same port makes it refuse connections for a while. It answers on SwiftNIO's
/// event loops, not in Swift tasks, so a test run that keeps the cooperative pool busy does not
/// hold up its answers.
public final class WebhookReceiver: Sendable {
    public struct Delivery: Sendable {
        public let id: String
        public let event: String
        public let body: JSONValue
        public let signatureValid: Bool
    }

    public let secret: String?
    /// The status to answer (200 by default).
    public let status = Mutex<Int>(200)
    /// Seconds to wait before answering (a receiver that hangs).
    public let delay = Mutex<Double>(0)
    /// Deliveries that were answered 2xx, in arrival order.
    public let accepted = Mutex<[Delivery]>([])
    /// Every request, whatever it was answered.
    public let requests = Mutex<Int>(0)
    /// The bodies Alertmanager's webhook receiver configuration posted to `/am`.
    public let alertmanagerPosts = Mutex<[JSONValue]>([])
    private let listener = Mutex<(any Channel)?>(nil)
    private let boundPort = Mutex<Int>(0)

    public init(secret: String?) {
        self.secret = secret
    }

    public var port: Int { boundPort.withLock { $0 } }
    public var url: String { "http://127.0.0.1:\(port)/hook" }

    /// Starts listening on `port` (0: a free one) and returns once it does.
    public func start(port: Int = 0) async throws {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { [self] channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(Handler(receiver: self))
                }
            }
            .bind(host: "127.0.0.1", port: port).get()
        listener.withLock { $0 = channel }
        boundPort.withLock { $0 = channel.localAddress?.port ?? 0 }
    }

    /// Stops listening: connections to its port are refused until `start(port:)`.
    public func stop() async {
        let channel = listener.withLock { value -> (any Channel)? in
            defer { value = nil }
            return value
        }
        try? await channel?.close()
    }

    /// What the receiver answers to one request: status and body.
    func answer(path: String, headers: HTTPHeaders, body: [UInt8]) -> (status: Int, body: String) {
        if path == "/am" {
            let json = (try? StrictJSONParser.parse(body)) ?? .null
            alertmanagerPosts.withLock { $0.append(json) }
            return (200, "")
        }
        guard path == "/hook" else { return (404, "") }
        requests.withLock { $0 += 1 }
        let signature = headers["X-Weir-Signature"].first ?? ""
        let valid = secret.map { WebhookSignature.verify(body, secret: $0, signature: signature) } ?? true
        guard valid else { return (401, "") }
        let answer = status.withLock { $0 }
        if (200..<300).contains(answer) {
            let json = (try? StrictJSONParser.parse(body)) ?? .null
            let id = headers["X-Weir-Delivery"].first ?? ""
            accepted.withLock { $0.append(Delivery(id: id, event: json["event"]?.stringValue ?? "", body: json, signatureValid: valid)) }
        }
        return (answer, "receiver says \(answer)")
    }

    /// An answer to write on a connection's event loop, then close the connection.
    struct Response {
        let head: HTTPRequestHead
        let status: Int
        let text: String
        let handler: Handler
        let context: ChannelHandlerContext

        func send() {
            let headers = HTTPHeaders([("Content-Length", "\(text.utf8.count)"), ("Connection", "close"), ("Content-Type", "text/plain")])
            let response = HTTPResponseHead(version: head.version, status: .init(statusCode: status), headers: headers)
            context.write(handler.wrapOutboundOut(.head(response)), promise: nil)
            context.write(handler.wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: text)))), promise: nil)
            let closing = NIOLoopBound(context, eventLoop: context.eventLoop)
            context.writeAndFlush(handler.wrapOutboundOut(.end(nil))).whenComplete { _ in closing.value.close(promise: nil) }
        }
    }

    /// One connection: collects each request, answers it (after the receiver's delay), closes.
    final class Handler: ChannelInboundHandler {
        typealias InboundIn = HTTPServerRequestPart
        typealias OutboundOut = HTTPServerResponsePart
        let receiver: WebhookReceiver
        var head: HTTPRequestHead?
        var body: [UInt8] = []

        init(receiver: WebhookReceiver) {
            self.receiver = receiver
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            switch unwrapInboundIn(data) {
            case .head(let h):
                head = h
                body = []
            case .body(var buffer):
                body += buffer.readBytes(length: buffer.readableBytes) ?? []
            case .end:
                guard let head else { return }
                let path = String(head.uri.split(separator: "?").first ?? "")
                let (status, text) = receiver.answer(path: path, headers: head.headers, body: body)
                let delay = receiver.delay.withLock { $0 }
                let response = Response(head: head, status: status, text: text, handler: self, context: context)
                if delay > 0 {
                    let bound = NIOLoopBound(response, eventLoop: context.eventLoop)
                    context.eventLoop.scheduleTask(in: .milliseconds(Int64(delay * 1000))) { bound.value.send() }
                } else {
                    response.send()
                }
            }
        }
    }

    /// How many times each delivery id was accepted.
    public var acceptedCounts: [String: Int] {
        accepted.withLock { list in list.reduce(into: [:]) { $0[$1.id, default: 0] += 1 } }
    }
}
