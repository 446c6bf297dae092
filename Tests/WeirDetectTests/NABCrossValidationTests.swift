import Foundation
import Testing
import WeirBench
import WeirCore

@testable import WeirDetect

/// The folds of NAB's development half, and cross-validation that chooses on the other folds only.
struct NABCrossValidationTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `docs/nab-folds.md` lists what ``NABFolds`` deals from `../shared/data/nab-dev`.
    @Test func theCommittedFoldsAreTheFunctionsAndCoverTheHalfOnce() throws {
        let data = Self.root.deletingLastPathComponent().appendingPathComponent("shared/data/nab-dev/data")
        var names: [String] = []
        for category in try FileManager.default.contentsOfDirectory(atPath: data.path) {
            for file in try FileManager.default.contentsOfDirectory(atPath: data.appendingPathComponent(category).path) {
                names.append("\(category)/\(file)")
            }
        }
        #expect(names.count == 31)
        let assignment = NABFolds.assign(names, count: 3)
        let document = try String(contentsOf: Self.root.appendingPathComponent("docs/nab-folds.md"), encoding: .utf8)
        var listed: [String: Int] = [:]
        var fold = -1
        for line in document.split(separator: "\n") {
            if line.hasPrefix("## Fold ") { fold += 1 }
            if line.hasPrefix("- `") {
                let name = String(line.dropFirst(3).dropLast())
                #expect(listed[name] == nil, "\(name) is listed twice")
                listed[name] = fold
            }
        }
        #expect(listed == assignment)
        // Every category with three files or more is in every fold.
        for category in Set(names.map { String($0.split(separator: "/")[0]) }) where names.filter({ $0.hasPrefix(category + "/") }).count >= 3 {
            #expect(Set(names.filter { $0.hasPrefix(category + "/") }.map { assignment[$0]! }) == [0, 1, 2], "\(category)")
        }
    }

    /// Six small series, each with one labelled spike.
    static func corpus() -> [NABSeries] {
        (0..<6).map { i in
            var values = Series.flat(1_200, level: 50, seed: UInt64(10 + i))
            let at = 700 + 50 * i
            for k in at..<(at + 5) { values[k] *= 4 }
            return NABSeries(
                name: "\(i % 2 == 0 ? "even" : "odd")/s\(i).csv",
                timestamps: (0..<1_200).map { 1_700_000_000 + Int64($0) * 300 },
                values: values,
                bucketSeconds: 300,
                windows: [(at - 40)...(at + 40)]
            )
        }
    }

    @Test func eachFoldIsScoredWithTheChoiceMadeOnTheOthers() throws {
        let configurations = [
            NABCrossValidation.Configuration(name: "zscore", method: .zscore),
            NABCrossValidation.Configuration(name: "mad", method: .mad),
            NABCrossValidation.Configuration(name: "ensemble", method: .ensemble),
        ]
        let cv = try NABCrossValidation(Self.corpus(), folds: 3, configurations: configurations, jobs: 2)
        let assignment = NABFolds.assign(Self.corpus().map(\.name), count: 3)
        #expect(cv.folds.flatMap(\.files).sorted() == Self.corpus().map(\.name).sorted())
        for fold in cv.folds {
            let scores = cv.evaluations.map { $0.score(.standard) { assignment[$0.name] != fold.index } }
            let best = scores.indices.max { scores[$0].oracle + scores[$0].fixed < scores[$1].oracle + scores[$1].fixed }!
            #expect(fold.chosen == configurations[best].name)
            #expect(fold.threshold == scores[best].threshold)
        }
    }

    /// With nothing to choose, the held-out folds pooled are the whole corpus: the fixed score is
    /// the in-sample one, and thresholds chosen on other folds cannot beat the best one overall.
    @Test func withOneConfigurationTheFixedScoreIsTheInSampleOne() throws {
        let cv = try NABCrossValidation(Self.corpus(), folds: 3, configurations: [.init(name: "ensemble", method: .ensemble)], jobs: 2)
        let inSample = cv.evaluations[0].score(.standard)
        #expect(abs(cv.crossValidated.fixed - inSample.fixed) < 1e-9)
        #expect(cv.crossValidated.oracle <= inSample.oracle + 1e-9)
    }
}
