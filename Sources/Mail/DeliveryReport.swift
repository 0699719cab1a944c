/// What one delivery round did, by entry name.
public struct DeliveryReport: Sendable, Equatable {
    /// Accepted by the server and moved to sent/.
    public var sent: [String] = []

    /// Failed for now; tried again after a back-off.
    public var postponed: [String] = []

    /// Refused for good and moved to failed/.
    public var failed: [String] = []

    /// Not due yet, or left for the next round after the server failed.
    public var waiting: [String] = []

    /// Queued while no SMTP server is configured: the .eml in the outbox is the delivery.
    public var held: [String] = []

    /// Outbox files that could not be read or moved; their messages stay queued.
    public var problems: [String] = []

    /// An empty report.
    public init() {}
}
