import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization
import WeirCore
import WeirNotify

/// A webhook receiver for the tests, on loopback: it checks each delivery's signature, answers
/// with the status it is told to, and counts deliveries by `X-Weir-Delivery`. `stop()` then
/// `start()` on the same port makes it refuse connections for a while.
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
    private let running = Mutex<Task<Void, any Error>?>(nil)
    private let boundPort = Mutex<Int>(0)

    public init(secret: String?) {
        self.secret = secret
    }

    public var port: Int { boundPort.withLock { $0 } }
    public var url: String { "http://127.0.0.1:\(port)/hook" }

    /// Starts listening on `port` (0: a free one) and returns once it does.
    public func start(port: Int = 0) async throws {
        let router = Router()
        router.post("/hook") { [self] request, _ -> Response in
            let body = try await request.body.collect(upTo: 1 << 20)
            let bytes = Array(body.readableBytesView)
            requests.withLock { $0 += 1 }
            let signature = request.headers[.init("X-Weir-Signature")!] ?? ""
            let valid = secret.map { WebhookSignature.verify(bytes, secret: $0, signature: signature) } ?? true
            let answer = status.withLock { $0 }
            let wait = delay.withLock { $0 }
            if wait > 0 { try? await Task.sleep(for: .milliseconds(Int64(wait * 1000))) }
            guard valid else { return Response(status: .unauthorized) }
            if (200..<300).contains(answer) {
                let json = (try? StrictJSONParser.parse(bytes)) ?? .null
                let id = request.headers[.init("X-Weir-Delivery")!] ?? ""
                accepted.withLock {
                    $0.append(Delivery(id: id, event: json["event"]?.stringValue ?? "", body: json, signatureValid: valid))
                }
            }
            return Response(status: .init(code: answer), body: .init(byteBuffer: ByteBuffer(string: "receiver says \(answer)")))
        }
        router.post("/am") { [self] request, _ -> Response in
            let body = try await request.body.collect(upTo: 1 << 20)
            let json = (try? StrictJSONParser.parse(Array(body.readableBytesView))) ?? .null
            alertmanagerPosts.withLock { $0.append(json) }
            return Response(status: .ok)
        }
        let (stream, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            router: router,
            configuration: .init(address: .hostname("127.0.0.1", port: port)),
            onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) },
            logger: Logger(label: "receiver", factory: { _ in SwiftLogNoOpLogHandler() })
        )
        running.withLock { $0 = Task { try await app.runService() } }
        for await bound in stream {
            boundPort.withLock { $0 = bound }
            break
        }
    }

    /// Stops listening: connections to its port are refused until `start(port:)`.
    public func stop() async {
        let task = running.withLock { $0 }
        task?.cancel()
        _ = await task?.result
    }

    /// How many times each delivery id was accepted.
    public var acceptedCounts: [String: Int] {
        accepted.withLock { list in list.reduce(into: [:]) { $0[$1.id, default: 0] += 1 } }
    }
}
