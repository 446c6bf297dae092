/// One step of a compiled pattern format: bytes that must appear, or a field to capture.
enum FormatStep: Sendable, Equatable {
    case literal([UInt8])
    /// A field; `quoted` when it sits between double quotes (escapes apply inside).
    case field(FieldKind, quoted: Bool)
}
