import NIOCore
import WeirLog

/// One datagram is one message; the batch goes to the sink when the read ends.
final class SyslogDatagramHandler: ChannelInboundHandler {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>
    var batch: SyslogLines
    let sink: any SyslogSink
    let report: @Sendable (SyslogTally) -> Void

    init(batch: SyslogLines, sink: any SyslogSink, report: @escaping @Sendable (SyslogTally) -> Void) {
        self.batch = batch
        self.sink = sink
        self.report = report
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let envelope = unwrapInboundIn(data)
        envelope.data.withUnsafeReadableBytes { batch.add($0) }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        report(SyslogSinking.flush(&batch, into: sink, tooLong: 0))
    }
}
