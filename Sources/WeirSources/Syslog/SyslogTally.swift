/// What a syslog listener received since it last told: messages kept, messages kept whole for
/// want of a header, messages refused for their length, and messages the sink could not keep.
package struct SyslogTally: Sendable, Equatable {
    package var messages = 0
    package var headerless = 0
    package var tooLong = 0
    package var lost = 0
    /// Why the last batch was lost, when one was.
    package var lostBecause: String?

    package init() {}

    package var isEmpty: Bool { messages == 0 && tooLong == 0 && lost == 0 }
}
