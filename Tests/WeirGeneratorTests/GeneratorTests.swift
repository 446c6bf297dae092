import Foundation
import Testing
import WeirCore
import WeirLog

@testable import WeirGenerator

struct GeneratorTests {
    func lines(_ profile: TrafficProfile = .steady, seed: UInt64 = 7, seconds: Int64 = 600, rate: Double = 50) -> [LogRecord] {
        var generator = TrafficGenerator(profile: profile, seed: seed)
        var carry = 0.0
        var bytes: [UInt8] = []
        for t in 0..<seconds {
            for _ in 0..<generator.linesDue(second: t, rate: rate, carry: &carry) {
                generator.appendLine(timestamp: 1_700_000_000 + t, elapsed: t, to: &bytes)
            }
        }
        let parser = LineParser(format: .combined)
        return String(decoding: bytes, as: UTF8.self).split(separator: "\n").map { try! parser.parse(String($0)).get() }
    }

    @Test func sameSeedSameBytes() {
        func bytes(_ seed: UInt64) -> [UInt8] {
            var g = TrafficGenerator(format: .common, profile: .mixed, seed: seed)
            var out: [UInt8] = []
            for i in 0..<2000 { g.appendLine(timestamp: Int64(i), elapsed: Int64(i), to: &out) }
            return out
        }
        #expect(bytes(1) == bytes(1))
        #expect(bytes(1) != bytes(2))
    }

    @Test func trafficLooksReal() {
        let records = lines()
        let n = Double(records.count)
        #expect(abs(n - 30_000) < 1500)  // 50/s ± noise for 600 s
        var hosts: [String: Int] = [:]
        var sections: [String: Int] = [:]
        var classes = [Int](repeating: 0, count: 6)
        for r in records {
            hosts[r.client!, default: 0] += 1
            sections[r.section, default: 0] += 1
            classes[r.status! / 100] += 1
        }
        let byHits = hosts.values.sorted(by: >)
        // A few heavy clients among many light ones.
        #expect(Double(byHits[0]) / n > 0.02 && Double(byHits[0]) / n < 0.15)
        #expect(byHits.count > 1000)
        #expect(Double(byHits.prefix(20).reduce(0, +)) / n > 0.2)
        #expect(byHits.filter { $0 <= 3 }.count > 300)
        // Some IPv6.
        let v6 = Double(hosts.keys.filter { $0.contains(":") }.count) / Double(hosts.count)
        #expect(v6 > 0.03 && v6 < 0.15)
        // Zipf-like sections: the most popular far ahead, a long tail.
        let sectionHits = sections.values.sorted(by: >)
        #expect(sections.count >= 10)
        #expect(Double(sectionHits[0]) > 1.6 * Double(sectionHits[1]))
        #expect(Double(sectionHits[0]) > 5 * Double(sectionHits[6]))
        // Mostly 2xx, some 3xx and 4xx, few 5xx.
        #expect(Double(classes[2]) / n > 0.8)
        #expect(Double(classes[3]) / n > 0.03)
        #expect(Double(classes[4]) / n > 0.02 && Double(classes[4]) / n < 0.08)
        #expect(Double(classes[5]) / n > 0.002 && Double(classes[5]) / n < 0.02)
        // Sizes depend on the content: images are larger than API answers.
        func medianSize(_ section: String) -> Int64 {
            let sizes = records.filter { $0.section == section && $0.status == 200 }.map { $0.bytes! }.sorted()
            return sizes[sizes.count / 2]
        }
        #expect(medianSize("/images") > 10 * medianSize("/api"))
    }

    @Test func spikeProfileBursts() {
        var perSecond = [Int](repeating: 0, count: 480)
        for r in lines(.spike, seconds: 480, rate: 20) { perSecond[Int(r.timestamp - 1_700_000_000)] += 1 }
        let burst = perSecond[Int(TrafficProfile.spikeOffset)..<Int(TrafficProfile.spikeOffset + TrafficProfile.spikeLength)].reduce(0, +)
        let calm = perSecond[100..<160].reduce(0, +)
        #expect(Double(burst) / Double(calm) > 4 && Double(burst) / Double(calm) < 6)
    }

    @Test func attackProfileHasAScannerAFloodAndBadIPs() {
        let records = lines(.attack, seconds: 300, rate: 20)
        let scanner = records.filter { $0.client == Vocabulary.scannerClient }
        let flood = records.filter { $0.client == Vocabulary.floodClient }
        #expect(Set(scanner.map(\.target)).count > 50)
        #expect(scanner.allSatisfy { $0.status == 404 || $0.status == 403 })
        #expect(Double(scanner.count) / Double(records.count) > 0.1)
        #expect(flood.count > 500)
        #expect(Set(records.map(\.client)).isSuperset(of: Vocabulary.badClients))
        // Outside the attack phase only regular clients appear.
        let quiet = records.filter { $0.timestamp - 1_700_000_000 >= TrafficProfile.attackOffset + TrafficProfile.attackLength }
        #expect(!quiet.isEmpty && !quiet.contains { $0.client == Vocabulary.floodClient })
    }

    @Test func zipfTableFollowsItsLaw() {
        let table = ZipfTable(count: 100, exponent: 1)
        var rng = SeededRandom(seed: 3)
        var counts = [Int](repeating: 0, count: 100)
        for _ in 0..<200_000 { counts[table.draw(&rng)] += 1 }
        for i in [0, 1, 4, 9] {
            let expected = table.probability(i) * 200_000
            #expect(abs(Double(counts[i]) - expected) < 0.05 * expected)
        }
    }

    struct FakeClock: WallClock {
        let state = State()
        final class State: @unchecked Sendable { var now = 1_700_000_000.0 }
        func time() -> Double { state.now }
        func sleep(seconds: Double) async throws { state.now += max(0, seconds) }
    }

    @Test func liveModeWritesOneLinePerIntervalByDefault() async throws {
        let path = "/tmp/weir-live-\(UInt64.random(in: 0...UInt64.max)).log"
        defer { unlink(path) }
        var generator = TrafficGenerator(seed: 1)
        try await GeneratorRun.live(
            duration: 30,
            interval: 0.1,
            rate: nil,
            generator: &generator,
            sink: try LineSink(path: path, truncate: true),
            clock: FakeClock()
        )
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let count = text.split(separator: "\n").count
        #expect(abs(count - 300) <= 30)
    }
}

#if canImport(Glibc)
import Glibc
#endif
