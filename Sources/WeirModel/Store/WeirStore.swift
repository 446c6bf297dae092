/// Weir's storage: one small protocol per aggregate, implemented once in SQL (``SQLStore``) on
/// SQLite (the default) and PostgreSQL (several instances), and held to one contract test suite.
///
/// A new aggregate (incidents, channels, an outbox) is a new protocol in its own file, an
/// `extension SQLStore` in its own file, and one line here.
public protocol WeirStore: SchemaStore, TaskStore, RunStore, FindingStore, DetectionStore, RetentionStore, IncidentStore,
    ChannelStore, OutboxStore, SessionStore, TrafficStore
{}
