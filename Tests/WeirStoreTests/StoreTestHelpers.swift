import Foundation
import Logging
import Testing
import WeirDetect
import WeirRules
import WeirTestSupport

@testable import WeirStore

/// Runs `body` against a fresh store and closes it.
func withStore(_ kind: StoreKind, _ body: (any WeirStore) async throws -> Void) async throws {
    let (store, cleanup) = try await kind.make()
    do { try await body(store) } catch {
        try? await store.close()
        await cleanup()
        throw error
    }
    try await store.close()
    await cleanup()
}

func sampleTask(_ name: String = "nginx", next: Int64 = 1_000, frequency: Int64 = 60) -> MonitoringTask {
    MonitoringTask(
        name: name,
        description: "front door",
        frequency: frequency,
        nextRunTime: next,
        target: .file(path: "/var/log/nginx/access.log", format: "auto"),
        rules: try! TaskRules(properties: .object(["black_ip_address": .array([.string("192.0.2.0/24")])]))
    )
}

func finding(_ rule: String, client: String? = nil, first: Int64, last: Int64) -> RuleFinding {
    RuleFinding(
        rule: rule,
        client: client,
        first: first,
        last: last,
        peak: 3,
        windowSeconds: 60,
        limit: 2,
        message: "m",
        examples: ["/a"]
    )
}
