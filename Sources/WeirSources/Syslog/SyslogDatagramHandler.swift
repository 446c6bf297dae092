import NIOCore
import WeirLog

/// One datagram is one message; the batch goes to the sink when the read ends.
final class SyslogDatagramHandler: ChannelInboundHandler {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>
    var batcher: SyslogBatcher

    init(_ batcher: SyslogBatcher) { self.batcher = batcher }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        unwrapInboundIn(data).data.withUnsafeReadableBytes { batcher.add($0) }
    }

    func channelReadComplete(context: ChannelHandlerContext) { batcher.flush(tooLong: 0) }
}
