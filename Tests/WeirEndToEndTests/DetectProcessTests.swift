import Foundation
import Testing

/// `weir detect` as a user runs it: a CSV in, a scored CSV out, errors on one line.
struct DetectProcessTests {
    @Test func scoresACSVFlagsTheSpikeAndExplains() async throws {
        let dir = try WeirProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var csv = "timestamp,value\n"
        for i in 0..<600 {
            let value = i == 500 ? 1000 : 95 + (i * 37) % 11
            csv += "2026-03-01 \(String(format: "%02d:%02d", i / 60, i % 60)):00,\(value)\n"
        }
        let input = dir.appendingPathComponent("series.csv").path
        let output = dir.appendingPathComponent("scores.csv").path
        try csv.write(toFile: input, atomically: true, encoding: .utf8)
        let result = try await WeirProcess.runAwaiting(["detect", "--input", input, "--output", output, "--explain"])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = try String(contentsOfFile: output, encoding: .utf8).split(separator: "\n")
        #expect(rows.first == "timestamp,value,anomaly_score,label")
        #expect(rows.count == 601)
        #expect(rows[501].hasPrefix("2026-03-01 08:20:00,1000,") && rows[501].hasSuffix(",1"))
        #expect(
            rows.dropFirst().allSatisfy { row in
                let f = row.split(separator: ",")
                return f.count == 4 && (0...1).contains(Double(f[2]) ?? -1)
            }
        )
        #expect(result.stderr.contains("revision at point 200: chose"))

        let list = try await WeirProcess.runAwaiting(["detect", "--list"])
        #expect(list.stdout.contains("holt_winters:") && list.stdout.contains("period (default 0)"))

        try "timestamp,value\n2026-03-01 00:00:00,1\n2026-03-01 00:01:00,lots\n".write(toFile: input, atomically: true, encoding: .utf8)
        let bad = try await WeirProcess.runAwaiting(["detect", "--input", input])
        #expect(bad.status == 1 && bad.stderr == "weir: line 3: value 'lots' is not a finite number\n")
        let badFlag = try await WeirProcess.runAwaiting(["detect", "--input", input, "--method", "prophet"])
        #expect(badFlag.status == 64 && badFlag.stderr.contains("'prophet' is invalid for '--method"))
    }
}
