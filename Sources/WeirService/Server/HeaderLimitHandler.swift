import Foundation
import HTTPTypes
import HummingbirdCore
import NIOCore
import NIOHTTP1
import NIOHTTPTypes

/// Answers a request whose headers (request line included) pass the decoder's limits with a 431
/// and the JSON error body, then closes the connection; without it the server answers such a
/// request with an empty 400. Sits after the HTTP decoder in each connection's pipeline.
final class HeaderLimitHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundOut = HTTPResponsePart

    /// The most bytes of headers a request may send: the request line and every header line.
    static let limit = 8 * 1024

    /// The decoder's limits: a header line and all of them together at most `limit` bytes.
    static var decoderConfiguration: HTTP1Channel.Configuration.DecoderConfiguration {
        .init(maxHeaderFieldSize: limit, maxHeaderListSize: limit, maxHeaderFieldCount: 100)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard let parserError = error as? HTTPParserError, parserError == .headerOverflow else {
            context.fireErrorCaught(error)
            return
        }
        let error = APIError(
            .init(code: 431, reasonPhrase: "Request Header Fields Too Large"),
            code: "headers_too_large",
            message: "the request line and headers are larger than \(Self.limit) bytes (or more than 100 lines); send smaller ones"
        )
        let body = (try? error.body()) ?? Data()
        let head = HTTPResponse(
            status: error.status,
            headerFields: [
                .contentType: "application/json; charset=utf-8", .contentLength: "\(body.count)", .connection: "close",
            ]
        )
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(wrapOutboundOut(.body(ByteBuffer(bytes: body))), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in context.close(promise: nil) }
    }
}
