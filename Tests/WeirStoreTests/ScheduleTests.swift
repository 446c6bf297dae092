import Foundation
import Logging
import Testing
import WeirDetect
import WeirModel
import WeirRules

@testable import WeirStore

struct ScheduleTests {
    @Test func nextRunTimeIsAlwaysInTheFuture() {
        #expect(Schedule.nextRunTime(after: 100, frequency: 60, now: 50) == 100)
        #expect(Schedule.nextRunTime(after: 100, frequency: 60, now: 100) == 160)
        #expect(Schedule.nextRunTime(after: 100, frequency: 60, now: 159) == 160)
        #expect(Schedule.nextRunTime(after: 100, frequency: 60, now: 100 + 60 * 1_000 + 1) == 100 + 60 * 1_001)
    }
}
