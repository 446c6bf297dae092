import NIOCore
import WeirLog

/// A TCP connection: messages framed out of the stream; the batch goes to the sink when the read
/// ends, and what is left of a message waits for the next read.
final class SyslogStreamHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    var batcher: SyslogBatcher
    var framing = SyslogFraming(maxMessageLength: SyslogListener.maxMessageLength)
    var reportedTooLong = 0

    init(_ batcher: SyslogBatcher) { self.batcher = batcher }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        unwrapInboundIn(data).withUnsafeReadableBytes { bytes in framing.feed(bytes) { batcher.add($0) } }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        let tooLong = framing.tooLong - reportedTooLong
        reportedTooLong = framing.tooLong
        batcher.flush(tooLong: tooLong)
    }

    func channelInactive(context: ChannelHandlerContext) {
        channelReadComplete(context: context)
        context.fireChannelInactive()
    }
}
