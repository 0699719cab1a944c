import Foundation

/// The envelope and delivery progress of one queued message, kept beside its .eml as JSON.
public struct DeliveryState: Codable, Sendable, Equatable {
    /// The envelope sender (bare address).
    public var from: String

    /// The envelope recipients (bare addresses).
    public var to: [String]

    /// When the message was queued (its Date header).
    public var queuedAt: Date

    /// How many times sending was tried and failed.
    public var attempts: Int

    /// The message is not tried before this moment.
    public var nextAttempt: Date

    /// Why the last attempt failed, as SMTPError's message (no personal data).
    public var lastError: String?

    /// When the server accepted it.
    public var sentAt: Date?

    /// When the server refused it for good.
    public var failedAt: Date?

    /// The state as pretty JSON, for a person reading the outbox too.
    func encoded() throws(MailError) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        do {
            return Array(try encoder.encode(self))
        } catch {
            throw MailError.storage(reason: "the delivery state could not be encoded")
        }
    }

    static func decode(_ bytes: [UInt8]) throws(MailError) -> DeliveryState {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        do {
            return try decoder.decode(DeliveryState.self, from: Data(bytes))
        } catch {
            throw MailError.storage(reason: "a delivery state file is damaged")
        }
    }
}
