import NIOCore
import WeirLog

/// A TCP connection: messages framed out of the stream; the batch goes to the sink when the read
/// ends, and what is left of a message waits for the next read.
final class SyslogStreamHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    var batch: SyslogLines
    var framing = SyslogFraming(maxMessageLength: SyslogListener.maxMessageLength)
    var reportedTooLong = 0
    let sink: any SyslogSink
    let report: @Sendable (SyslogTally) -> Void

    init(batch: SyslogLines, sink: any SyslogSink, report: @escaping @Sendable (SyslogTally) -> Void) {
        self.batch = batch
        self.sink = sink
        self.report = report
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        buffer.withUnsafeReadableBytes { bytes in framing.feed(bytes) { batch.add($0) } }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        let tooLong = framing.tooLong - reportedTooLong
        reportedTooLong = framing.tooLong
        report(SyslogSinking.flush(&batch, into: sink, tooLong: tooLong))
    }

    func channelInactive(context: ChannelHandlerContext) {
        channelReadComplete(context: context)
        context.fireChannelInactive()
    }
}
