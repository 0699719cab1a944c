import Foundation

/// A message waiting in the outbox.
public struct QueuedMail: Sendable, Equatable {
    /// The entry name, `<timestamp>-<id>`, shared by its .eml and .json files.
    public let name: String

    /// The .eml file.
    public let file: URL

    /// Its envelope and delivery progress.
    public let state: DeliveryState
}
