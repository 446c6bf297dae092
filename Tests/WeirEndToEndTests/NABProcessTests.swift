import Foundation
import Testing
import WeirTestSupport

/// `weir detect-eval --nab` on the development half of the Numenta Anomaly Benchmark in
/// `shared/data/nab-dev`: the scores it computes agree with the reference scorer
/// (`shared/tools/nab-dev`, NAB's rules in Python, fed by `weir detect` per file), and the
/// quality of `auto` and of the ensemble does not fall below the level reached (floors, not
/// timings). WeirDetect is optimised in debug builds too (Package.swift), so `auto` over the
/// whole half takes seconds here rather than minutes.
struct NABProcessTests {
    static let corpus = WeirProcess.sharedPath + "/data/nab-dev"

    /// The `standard` line of the report: oracle and fixed scores.
    static func standardScores(_ report: String) -> (oracle: Double, fixed: Double)? {
        scores(of: "standard", in: report)
    }

    /// The line of cost profile `profile` in the report: oracle and fixed scores.
    static func scores(of profile: String, in report: String) -> (oracle: Double, fixed: Double)? {
        guard let line = report.split(separator: "\n").first(where: { $0.hasPrefix(profile + " ") }) else { return nil }
        let numbers = line.split(separator: " ").compactMap { Double($0.trimmingCharacters(in: CharacterSet(charactersIn: "()"))) }
        guard numbers.count == 3 else { return nil }
        return (numbers[0], numbers[2])
    }

    @Test func autoHoldsItsDevelopmentScoreInEveryProfile() async throws {
        let result = try await WeirProcess.runAwaiting(["detect-eval", "--nab", Self.corpus])
        #expect(result.status == 0, "\(result.stderr)")
        let scores = try #require(Self.standardScores(result.stdout), "\(result.stdout)")
        // Reached at 2026-12-07 (70.8 and 69.3); a change that loses more than a point fails.
        #expect(scores.oracle >= 69.8 && scores.fixed >= 68.3, "\(result.stdout)")
        // The other profiles, reached the same day: low FP 61.8 / 53.5, low FN 76.9 / 76.6.
        let lowFP = try #require(Self.scores(of: "reward_low_FP_rate", in: result.stdout), "\(result.stdout)")
        let lowFN = try #require(Self.scores(of: "reward_low_FN_rate", in: result.stdout), "\(result.stdout)")
        #expect(lowFP.oracle >= 60.8 && lowFP.fixed >= 52.5, "\(result.stdout)")
        #expect(lowFN.oracle >= 75.9 && lowFN.fixed >= 75.6, "\(result.stdout)")
    }

    /// `--seed` changes the expert system's draw (so the choices, and the alarms, may differ),
    /// and it, `--method` and `--param` without `--nab` stop with one line.
    @Test func theSeedIsTheExpertSystemsAndNeedsACorpus() async throws {
        let wrong = try await WeirProcess.runAwaiting(["detect-eval", "--seed", "3"])
        #expect(wrong.status != 0)
        #expect(wrong.stderr.contains("--nab") && wrong.stderr.split(separator: "\n").count <= 2, "\(wrong.stderr)")
        let other = try await WeirProcess.runAwaiting(["detect-eval", "--nab", Self.corpus, "--seed", "3"])
        #expect(other.status == 0, "\(other.stderr)")
        let standard = try #require(Self.standardScores(other.stdout), "\(other.stdout)")
        #expect(standard.oracle > 0 && standard.fixed > 0)
    }

    @Test func theEnsembleHoldsItsDevelopmentScoreAndAgreesWithTheReferenceScorer() async throws {
        let result = try await WeirProcess.runAwaiting(["detect-eval", "--nab", Self.corpus, "--method", "ensemble"])
        #expect(result.status == 0, "\(result.stderr)")
        let scores = try #require(Self.standardScores(result.stdout), "\(result.stdout)")
        // Reached at 2026-12-01 (67.2 and 66.2); a change that loses more than a point fails.
        #expect(scores.oracle >= 66.0 && scores.fixed >= 65.0, "\(result.stdout)")

        let reference = Process()
        reference.executableURL = URL(fileURLWithPath: WeirProcess.sharedPath + "/tools/nab-dev")
        reference.arguments = [WeirProcess.executable.path, "--method", "ensemble"]
        let out = Pipe()
        reference.standardOutput = out
        reference.standardError = FileHandle.nullDevice
        try SerialSpawn.run(reference)
        let text = String(decoding: await WeirProcess.output(of: reference, through: out), as: UTF8.self)
        let json = try #require(text.split(separator: "\n").last.map { Data($0.utf8) })
        let profiles = try #require(try JSONSerialization.jsonObject(with: json) as? [String: [String: Any]])
        let standard = try #require(profiles["standard"])
        let oracle = try #require(standard["oracle"] as? Double)
        let fixed = try #require(standard["fixed"] as? Double)
        #expect(abs(oracle - scores.oracle) <= 0.1 && abs(fixed - scores.fixed) <= 0.1, "Swift \(scores), Python \(oracle) \(fixed)")
    }
}
