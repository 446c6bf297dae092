/// A revision of the automatic choice, made at a point from the points before it.
public struct ModelRevision: Sendable {
    /// Index of the first point scored by the new choice.
    public var atPoint: Int
    public var report: SelectionReport
}
