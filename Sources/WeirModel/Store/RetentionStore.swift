/// Deleting what is older than the retention period, a batch at a time so that no single
/// statement holds the database for long.
public protocol RetentionStore: Sendable {
    /// Deletes at most `batch` rows of each kind older than `cutoff` (Unix seconds): findings
    /// committed before it, runs that ended before it (with their findings), traffic minutes
    /// that start before it, incidents resolved before it, and notifications made before it that
    /// are delivered or failed (with their attempts). Running runs, tasks and checkpoints are never deleted. Returns how
    /// many rows went; fewer than `batch` of every kind means nothing older is left.
    func prune(before cutoff: Int64, batch: Int) async throws -> PruneCount
}
