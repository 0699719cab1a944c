import Foundation
import SMTP

extension Outbox {
    /// Sends every message that is due at `now` through `server`, one at a time.
    ///
    /// With no server, nothing moves and the report lists the messages as held. Deliveries
    /// of the same outbox, from threads or processes, take turns on a file lock, so a message
    /// is not sent twice by two rounds at once.
    public func deliver(via server: SMTPServer?, now: Date) -> DeliveryReport {
        do {
            guard let server else { return try heldReport() }

            return try OutboxFiles.withLock(in: folder) { deliverLocked(via: server, now: now) }
        } catch {
            var report = DeliveryReport()
            report.problems = [error.message]
            return report
        }
    }

    private func heldReport() throws(MailError) -> DeliveryReport {
        let queue = try scan()
        var report = DeliveryReport()
        report.held = queue.mails.map(\.name)
        report.problems = queue.problems
        return report
    }

    private func deliverLocked(via server: SMTPServer, now: Date) -> DeliveryReport {
        var report = DeliveryReport()
        do {
            let queue = try scan()
            report.problems = queue.problems
            deliver(queue.mails, via: server, now: now, into: &report)
        } catch {
            report.problems = [error.message]
        }
        return report
    }

    private func deliver(
        _ mails: [QueuedMail], via server: SMTPServer, now: Date,
        into report: inout DeliveryReport
    ) {
        var serverFailed = false
        for mail in mails {
            // After a temporary failure the server is likely down; the rest waits for the
            // next round rather than each waiting out the timeout.
            guard !serverFailed, mail.state.nextAttempt <= now || mail.state.sentAt != nil else {
                report.waiting.append(mail.name)
                continue
            }
            let outcome = attempt(mail, via: server, now: now)
            report.record(outcome, for: mail.name)
            serverFailed = outcome == .postponed
        }
    }

    private func attempt(_ mail: QueuedMail, via server: SMTPServer, now: Date)
        -> DeliveryOutcome
    {
        // Accepted earlier, but moving it to sent/ failed then: finish the move, do not resend.
        if mail.state.sentAt != nil {
            return complete(mail, state: mail.state)
        }
        let bytes: [UInt8]
        do {
            bytes = try OutboxFiles.read(mail.file)
        } catch {
            return .problem(error.message)
        }
        do {
            try SMTPClient.send(bytes, from: mail.state.from, to: mail.state.to, via: server)
        } catch {
            return error.isPermanent ? refuse(mail, error, now) : postpone(mail, error, now)
        }
        var state = mail.state
        state.sentAt = now
        state.lastError = nil
        return complete(mail, state: state)
    }

    /// Moves an accepted message to sent/ right after the server's reply.
    ///
    /// Known limit: a crash after the server accepted a message and before this rename sends
    /// it once more on the next round, because SMTP gives no way to ask a server whether it
    /// already has a message. The window is libcurl's closing QUIT exchange plus one rename;
    /// the unchanged Message-ID lets the receiving side recognise the copy. Never losing a
    /// message is chosen over never sending one twice.
    private func complete(_ mail: QueuedMail, state: DeliveryState) -> DeliveryOutcome {
        do {
            return .sent(note: try retire(mail, into: sentFolder, state: state))
        } catch {
            // Remember the acceptance so the next round only moves it.
            try? OutboxFiles.writeAtomically(try state.encoded(), to: stateFile(mail.name))
            return .problem(
                "Entry \(mail.name) was sent but not moved to sent/: "
                    + error.message)
        }
    }

    private func refuse(_ mail: QueuedMail, _ error: SMTPError, _ now: Date) -> DeliveryOutcome {
        var state = mail.state
        state.attempts += 1
        state.lastError = error.message
        state.failedAt = now
        do {
            return .failed(note: try retire(mail, into: failedFolder, state: state))
        } catch {
            return .problem("Entry \(mail.name) was refused but stays queued: \(error.message)")
        }
    }

    /// Known limit: a message that keeps failing temporarily is retried hourly without end,
    /// because only the server's 5xx says a message cannot go; lifting it needs a maximum age
    /// after which it moves to failed/.
    private func postpone(_ mail: QueuedMail, _ error: SMTPError, _ now: Date)
        -> DeliveryOutcome
    {
        var state = mail.state
        state.attempts += 1
        state.lastError = error.message
        state.nextAttempt = now.addingTimeInterval(Backoff.delay(afterAttempts: state.attempts))
        do {
            try OutboxFiles.writeAtomically(try state.encoded(), to: stateFile(mail.name))
            return .postponed
        } catch {
            return .problem(
                "Entry \(mail.name) failed and its state was not saved: "
                    + error.message)
        }
    }

    /// Takes a message out of the queue: the .eml rename is the single step that does it.
    ///
    /// The state follows; when that fails the message is out of the queue all the same (a
    /// queue .json without its .eml is never listed), and the returned note says so.
    private func retire(_ mail: QueuedMail, into folder: URL, state: DeliveryState)
        throws(MailError) -> String?
    {
        try OutboxFiles.move(mail.file, to: messageFile(mail.name, in: folder))
        do {
            try OutboxFiles.writeAtomically(
                try state.encoded(),
                to: stateFile(mail.name, in: folder))
            try OutboxFiles.remove(stateFile(mail.name))
            return nil
        } catch {
            return "Entry \(mail.name) left the queue, but its state was not moved: "
                + error.message
        }
    }
}
