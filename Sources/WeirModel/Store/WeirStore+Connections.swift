extension SchemaStore {
    /// Runs `body` with the store's connections running beside it in a child task, then stops
    /// them and closes the store: for commands and tests that use a store outside `weir serve`'s
    /// `ServiceGroup` (`weir setup-db`, the store's contract suite on PostgreSQL).
    public func withConnections<T: Sendable>(_ body: (Self) async throws -> T) async throws -> T {
        let result: Result<T, any Error>
        do {
            result = .success(
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask { try await self.runConnections() }
                    defer { group.cancelAll() }
                    return try await body(self)
                }
            )
        } catch {
            result = .failure(error)
        }
        try await close()
        return try result.get()
    }
}
