import Foundation

/// A folder of outgoing messages, each a ready .eml file with a .json delivery state beside it.
///
/// Without an SMTP server the .eml files simply stay here: that is the delivery, and an admin
/// or a test reads them. With a server, `deliver` sends them and moves each to sent/ or
/// failed/. A message leaves the outbox only after the server accepted or refused it.
public struct Outbox: Sendable {
    /// The queue itself: `<timestamp>-<id>.eml` and `.json` pairs.
    public let folder: URL

    /// Messages the server accepted.
    public var sentFolder: URL { folder.appendingPathComponent("sent") }

    /// Messages the server refused for good, with the reason in their .json.
    public var failedFolder: URL { folder.appendingPathComponent("failed") }

    /// The outbox at `folder`, creating it and its sent/ and failed/ folders when missing.
    public init(folder: URL) throws(MailError) {
        self.folder = folder
        for needed in [folder, sentFolder, failedFolder] {
            try Outbox.createFolder(needed)
        }
    }

    /// Queues `message` and returns its entry name.
    ///
    /// The .json goes in first and the .eml last, each written atomically: a listed .eml
    /// always has its state, and a crash leaves at most a hidden temporary or an unused .json.
    public func enqueue(_ message: MailMessage) throws(MailError) -> String {
        try enqueue(message, beforeCommit: { _ in })
    }

    /// `enqueue`, calling `beforeCommit` with the finished temporary file just before the
    /// .eml is renamed into place, so tests can look at the folder at that moment.
    func enqueue(_ message: MailMessage, beforeCommit: (URL) -> Void) throws(MailError)
        -> String
    {
        let name = "\(message.sortableTime)-\(message.uniquePart)"
        guard !FileManager.default.fileExists(atPath: messageFile(name).path) else {
            throw MailError.storage(reason: "entry \(name) is already queued")
        }
        try OutboxFiles.writeAtomically(
            try initialState(of: message).encoded(),
            to: stateFile(name))
        do {
            try OutboxFiles.writeAtomically(
                message.rfc5322(), to: messageFile(name),
                beforeCommit: beforeCommit)
        } catch {
            try? OutboxFiles.remove(stateFile(name))
            throw error
        }
        return name
    }

    /// The queued messages, oldest first.
    public func pending() throws(MailError) -> [QueuedMail] {
        try scan().mails
    }

    /// The queued messages, oldest first, and entries whose state file cannot be read.
    ///
    /// An .eml without a readable .json is reported, never dropped: it stays for an admin.
    func scan() throws(MailError) -> (mails: [QueuedMail], problems: [String]) {
        let names = try OutboxFiles.names(in: folder)
            .filter { $0.hasSuffix(".eml") }
            .map { String($0.dropLast(4)) }
            .sorted()
        var mails: [QueuedMail] = []
        var problems: [String] = []
        for name in names {
            do {
                let state = try DeliveryState.decode(try OutboxFiles.read(stateFile(name)))
                mails.append(QueuedMail(name: name, file: messageFile(name), state: state))
            } catch {
                problems.append("Entry \(name): \(error.message)")
            }
        }
        return (mails, problems)
    }

    func messageFile(_ name: String, in folder: URL? = nil) -> URL {
        (folder ?? self.folder).appendingPathComponent(name + ".eml")
    }

    func stateFile(_ name: String, in folder: URL? = nil) -> URL {
        (folder ?? self.folder).appendingPathComponent(name + ".json")
    }

    private func initialState(of message: MailMessage) -> DeliveryState {
        DeliveryState(
            from: message.from.address, to: [message.to.address],
            queuedAt: message.date, attempts: 0, nextAttempt: message.date)
    }

    /// Owner-only: the messages hold personal data.
    private static func createFolder(_ folder: URL) throws(MailError) {
        do {
            try FileManager.default.createDirectory(
                at: folder, withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700])
        } catch {
            throw MailError.storage(
                reason: "the folder \(folder.lastPathComponent) "
                    + "could not be created")
        }
    }
}
