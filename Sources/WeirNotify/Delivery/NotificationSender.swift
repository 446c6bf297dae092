import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import WeirCore

/// Sends notification requests over HTTP, each cut at a timeout, and reports how the receiver
/// answered; it never throws.
public struct NotificationSender: Sendable {
    let http: HTTPClient
    /// Seconds a receiver has to answer.
    public var timeout: Double

    public init(http: HTTPClient = NotificationSender.sharedHTTP, timeout: Double = 10) {
        self.http = http
        self.timeout = timeout
    }

    /// The process's client for receivers. A refused connection fails the attempt at once
    /// (``RetrySchedule`` decides when to try again) instead of being retried inside it until
    /// the timeout; redirects are not followed. Like `HTTPClient.shared`, it lives as long as the
    /// process.
    public static let sharedHTTP: HTTPClient = {
        var configuration = HTTPClient.Configuration.singletonConfiguration
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.redirectConfiguration = .disallow
        configuration.timeout = .init(connect: .seconds(5), read: .seconds(30))
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }()

    public func send(_ request: OutgoingRequest) async -> SendResult {
        let started = ContinuousClock.now
        func elapsed() -> Int64 {
            let d = started.duration(to: .now)
            return d.components.seconds * 1000 + d.components.attoseconds / 1_000_000_000_000_000
        }
        var outgoing = HTTPClientRequest(url: request.url)
        outgoing.method = .POST
        for (name, value) in request.headers { outgoing.headers.add(name: name, value: value) }
        outgoing.body = .bytes(ByteBuffer(bytes: request.body))
        do {
            let response = try await http.execute(outgoing, timeout: .milliseconds(Int64(saturating: timeout * 1000)))
            let body = try await response.body.collect(upTo: 64 * 1024)
            let status = Int(response.status.code)
            if (200..<300).contains(status) { return SendResult(status: status, error: nil, milliseconds: elapsed()) }
            let excerpt = String(decoding: body.readableBytesView.prefix(200), as: UTF8.self)
            return SendResult(status: status, error: "the receiver answered \(status): \(excerpt)", milliseconds: elapsed())
        } catch {
            return SendResult(status: nil, error: "no answer from \(Self.host(request.url)): \(error)", milliseconds: elapsed())
        }
    }

    static func host(_ url: String) -> String {
        URL(string: url)?.host ?? url
    }
}
