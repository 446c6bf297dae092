import Testing
import WeirLog

@testable import WeirTraffic

/// The alert state machine and the event-time clock, driven line by line with injected wall time.
struct TrafficMonitorTests {
    static let t0 = Timestamps.parse("2000-10-10T13:00:00Z")!

    /// Feeds `perSecond[i]` requests stamped `t0 + i` and returns every event.
    final class Harness {
        var monitor: TrafficMonitor
        var events: [MonitorEvent] = []
        let parser = LineParser(format: .common)

        init(threshold: Double = 10, interval: Int64 = 10, window: Int64 = 120) {
            monitor = TrafficMonitor(configuration: .init(threshold: threshold, interval: interval, window: window))
        }

        func line(at t: Int64, offset: Int = 0, path: String = "/api/x", wallNow: Double? = nil) {
            var text: [UInt8] = Array("1.2.3.4 - - [".utf8)
            Timestamps.appendCommonLogTime(t, offset: offset, to: &text)
            text += Array("] \"GET \(path) HTTP/1.1\" 200 10".utf8)
            text.withUnsafeBytes { raw in
                var parsed = ParsedLine()
                #expect(parser.parse(raw, into: &parsed) == nil)
                monitor.add(parsed, line: raw, wallNow: wallNow) { events.append($0) }
            }
        }

        func feed(_ perSecond: [Int], from start: Int64 = TrafficMonitorTests.t0) {
            for (i, n) in perSecond.enumerated() {
                for _ in 0..<n { line(at: start + Int64(i)) }
            }
        }

        func finish() { monitor.finishReplay { events.append($0) } }

        var alerts: [(String, Int64, Double)] {
            events.compactMap {
                switch $0 {
                case .alert(let a): ("alert", a.at - TrafficMonitorTests.t0, a.average)
                case .recovered(let a): ("recovered", a.at - TrafficMonitorTests.t0, a.average)
                case .stats: nil
                }
            }
        }

        var blocks: [StatsBlock] {
            events.compactMap { if case .stats(let b) = $0 { b } else { nil } }
        }
    }

    @Test func workedExampleOfTheSpec() {
        let h = Harness()
        h.feed(Array(repeating: 20, count: 180) + Array(repeating: 1, count: 300))
        h.finish()
        #expect(h.alerts.count == 2)
        #expect(h.alerts[0].0 == "alert" && h.alerts[0].1 == 70)
        #expect(MonitorOutput.twoDecimals(h.alerts[0].2) == "11.67")
        #expect(h.alerts[1].0 == "recovered" && h.alerts[1].1 == 250)
        #expect(MonitorOutput.twoDecimals(h.alerts[1].2) == "8.92")
        let first = h.blocks[0]
        #expect(first.at == Self.t0 + 10 && first.hits == 200)
        // At 13:04:00 the window still holds 1260 (10.50): alerting, no recovery yet.
        let text = h.events.compactMap { MonitorOutput(style: .text).render($0) }
        #expect(text.contains("High traffic generated an alert - hits = 11.67, triggered at 2000-10-10T13:01:10Z"))
        #expect(text.contains("High traffic alert recovered - hits = 8.92, recovered at 2000-10-10T13:04:10Z"))
        // Replay ends with the first tick after the last timestamp (13:07:59 → 13:08:00).
        #expect(h.blocks.last?.at == Self.t0 + 480)
        #expect(h.blocks.count == 48)
    }

    @Test func noTrafficSteadyBelowAndSteadyAbove() {
        let idle = Harness()
        idle.monitor.advance(wallNow: Double(Self.t0)) { idle.events.append($0) }
        idle.monitor.advance(wallNow: Double(Self.t0 + 60)) { idle.events.append($0) }
        #expect(idle.blocks.count == 6 && idle.blocks.allSatisfy { $0.hits == 0 })
        #expect(idle.alerts.isEmpty)

        let below = Harness()
        below.feed(Array(repeating: 9, count: 600))
        below.finish()
        #expect(below.alerts.isEmpty)

        let above = Harness()
        above.feed(Array(repeating: 11, count: 600))
        above.finish()
        #expect(above.alerts.map(\.0) == ["alert"])  // once, never a second alert
    }

    @Test func exactlyAtTheThresholdChangesNothing() {
        let h = Harness()
        h.feed(Array(repeating: 10, count: 600))
        h.finish()
        #expect(h.alerts.isEmpty)
        // Alerting, then exactly at the threshold: still alerting.
        let a = Harness()
        a.feed(Array(repeating: 30, count: 120) + Array(repeating: 10, count: 120) + Array(repeating: 10, count: 200))
        a.finish()
        #expect(a.alerts.map(\.0) == ["alert"])
    }

    @Test func hoveringNearTheThresholdDoesNotFlap() {
        // 10 and 11 requests a second in turn: the 2-minute average stays at 10.5.
        let h = Harness()
        h.feed((0..<900).map { $0 % 2 == 0 ? 10 : 11 })
        h.finish()
        #expect(h.alerts.map(\.0) == ["alert"])
    }

    @Test func burstThenTrickleAlertsAndRecovers() {
        let h = Harness()
        h.feed(Array(repeating: 100, count: 30) + Array(repeating: 1, count: 400))
        h.finish()
        #expect(h.alerts.map(\.0) == ["alert", "recovered"])
        #expect(h.alerts[0].1 == 20)  // 20 s × 100 / 120 = 16.67 > 10
        #expect(h.alerts[1].1 == 140)  // the burst leaves the window
    }

    @Test func gapInTheLogFiresEveryTickInOrder() {
        let h = Harness()
        h.feed(Array(repeating: 20, count: 125))
        h.line(at: Self.t0 + 1000)
        #expect(h.alerts.map(\.0) == ["alert", "recovered"])
        let ats = h.blocks.map { $0.at - Self.t0 }
        #expect(ats == Array(stride(from: 10, through: 1000, by: 10)))
        #expect(h.blocks.filter { $0.at > Self.t0 + 130 }.allSatisfy { $0.hits == 0 })
    }

    @Test func outOfOrderAndLateLines() {
        let h = Harness()
        h.line(at: Self.t0 + 5)
        h.line(at: Self.t0 + 2)  // out of order, same interval
        h.line(at: Self.t0 + 12)  // fires 13:00:10
        h.line(at: Self.t0 + 3)  // late: before the last tick
        h.line(at: Self.t0 + 25)  // fires 13:00:20
        #expect(h.blocks.map(\.hits) == [2, 1])
        #expect(h.blocks.map(\.late) == [0, 1])
        // The late line still counts in the alert window.
        let w = Harness(threshold: 0.02, window: 60)
        w.line(at: Self.t0 + 1)
        w.line(at: Self.t0 + 11)
        w.line(at: Self.t0 + 2)  // late
        w.line(at: Self.t0 + 21)
        #expect(w.alerts.first.map { $0.2 * 60 } == 3)
    }

    @Test func oneInstantInTwoTimeZones() {
        let h = Harness()
        h.line(at: Self.t0 + 5, offset: 0)
        h.line(at: Self.t0 + 5, offset: -7 * 3600)
        h.line(at: Self.t0 + 5, offset: 5 * 3600 + 1800)
        h.line(at: Self.t0 + 10)
        #expect(h.blocks.map(\.hits) == [3])
        #expect(h.blocks.map(\.late) == [0])
    }

    @Test func idleLogRecoversWithWallTime() {
        // Lines are read at wall time 5000; then nothing more comes, and the clock moves on with wall time.
        let h = Harness()
        for s in 0..<60 {
            for _ in 0..<50 { h.line(at: Self.t0 + Int64(s), wallNow: 5000) }
        }
        #expect(h.alerts.map(\.0) == ["alert"])
        h.monitor.advance(wallNow: 5000 + 300) { h.events.append($0) }
        #expect(h.alerts.map(\.0) == ["alert", "recovered"])
    }

    @Test func finalBlockCoversTheOpenInterval() {
        let h = Harness()
        h.feed(Array(repeating: 2, count: 15))
        let final = h.monitor.finalBlock(wallNow: nil)
        #expect(final.final && final.hits == 10 && final.at == Self.t0 + 14 && final.interval == 4)
    }
}
