import Foundation
import Testing
import WeirCore
import WeirGenerator

@testable import WeirDetect

/// Series with clear answers.
enum Series {
    static func flat(_ count: Int, level: Double = 100, seed: UInt64 = 1) -> [Double] {
        var r = SeededRandom(seed: seed)
        return (0..<count).map { _ in r.poisson(level) }
    }

    static func whiteNoise(_ count: Int, seed: UInt64 = 2) -> [Double] {
        var r = SeededRandom(seed: seed)
        return (0..<count).map { _ in 50 + 5 * r.normal() }
    }

    /// Five-minute buckets with a daily cycle between 20 and 180 requests, Poisson noise.
    static func daily(days: Int, seed: UInt64 = 3) -> [Double] {
        var r = SeededRandom(seed: seed)
        return (0..<(288 * days)).map { i in
            let mean: Double = 100 + 80 * sin(2 * Double.pi * Double(i) / 288)
            return r.poisson(mean)
        }
    }
}
