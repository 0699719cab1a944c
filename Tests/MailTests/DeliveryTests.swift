import Fixtures
import Dispatch
import Foundation
import SMTP
import Synchronization
import Testing

@testable import Mail

@Suite("Delivering the outbox to a real SMTP server", Python.needsAiosmtpd)
struct DeliveryTests {
    @Test("The server receives exactly the queued bytes and the message moves to sent/")
    func deliversAndMovesToSent() throws {
        let temporary = try TemporaryFolder()
        let server = try TestSMTPServer(folder: temporary.subfolder("received"))
        let outbox = try Outbox(folder: temporary.subfolder("outbox"))
        // Lines starting with a dot must survive SMTP's dot-stuffing.
        let name = try outbox.enqueue(Sample.message(text: Sample.text + "\n.\n..twee\n"))
        let queued = try OutboxFiles.read(outbox.messageFile(name))

        let report = outbox.deliver(via: server.server, now: Sample.date)

        #expect(report.sent == [name])
        #expect(report.problems.isEmpty)
        let received = try server.received()
        #expect(received.count == 1)
        #expect(received.first?.bytes == queued)
        #expect(received.first?.from == "portaal@delinde.example.nl")
        #expect(received.first?.to == ["anouk@example.org"])
        #expect(try outbox.pending().isEmpty)
        #expect(try OutboxFiles.read(outbox.messageFile(name, in: outbox.sentFolder)) == queued)
        let state = try DeliveryState.decode(
            OutboxFiles.read(outbox.stateFile(name, in: outbox.sentFolder)))
        #expect(state.sentAt == Sample.date)
        #expect(!FileManager.default.fileExists(atPath: outbox.stateFile(name).path))
    }

    @Test("With the server down the message waits with a back-off, then goes once it is up")
    func serverDownThenUp() throws {
        let temporary = try TemporaryFolder()
        let received = temporary.subfolder("received")
        let down = try TestSMTPServer(folder: received)
        down.stop()
        let outbox = try Outbox(folder: temporary.subfolder("outbox"))
        let name = try outbox.enqueue(Sample.message())
        let now = Sample.date

        let failed = outbox.deliver(via: down.server, now: now)

        #expect(failed.postponed == [name])
        let state = try #require(try outbox.pending().first?.state)
        #expect(state.attempts == 1)
        #expect(state.nextAttempt > now)
        #expect(state.lastError?.isEmpty == false)
        #expect(state.lastError?.contains("anouk") == false)

        let tooEarly = outbox.deliver(via: down.server, now: now.addingTimeInterval(1))
        #expect(tooEarly.waiting == [name])
        #expect(try outbox.pending().first?.state.attempts == 1)

        let up = try TestSMTPServer(folder: received, port: down.port)
        let later = outbox.deliver(via: up.server, now: now.addingTimeInterval(31))
        #expect(later.sent == [name])
        #expect(try up.received().count == 1)
        #expect(try outbox.pending().isEmpty)
    }

    @Test("A 550 refusal moves the message to failed/ with the reason")
    func refusalMovesToFailed() throws {
        let temporary = try TemporaryFolder()
        let server = try TestSMTPServer(folder: temporary.subfolder("received"), answer: .refuse)
        let outbox = try Outbox(folder: temporary.subfolder("outbox"))
        let name = try outbox.enqueue(Sample.message())

        let report = outbox.deliver(via: server.server, now: Sample.date)

        #expect(report.failed == [name])
        #expect(try outbox.pending().isEmpty)
        #expect(
            FileManager.default.fileExists(
                atPath: outbox.messageFile(name, in: outbox.failedFolder).path))
        let state = try DeliveryState.decode(
            OutboxFiles.read(outbox.stateFile(name, in: outbox.failedFolder)))
        #expect(state.lastError?.contains("550") == true)
        #expect(state.failedAt == Sample.date)
        #expect(try server.received().isEmpty)
    }

    @Test("A 451 (try again later) keeps the message queued, and it goes once it is accepted")
    func temporaryRefusalIsRetried() throws {
        let temporary = try TemporaryFolder()
        let received = temporary.subfolder("received")
        let busy = try TestSMTPServer(folder: received, answer: .busy)
        let outbox = try Outbox(folder: temporary.subfolder("outbox"))
        let name = try outbox.enqueue(Sample.message())

        let first = outbox.deliver(via: busy.server, now: Sample.date)
        #expect(first.postponed == [name])
        let state = try #require(try outbox.pending().first?.state)
        #expect(state.lastError?.contains("451") == true)
        #expect(state.nextAttempt > Sample.date)
        busy.stop()

        let accepting = try TestSMTPServer(folder: received, port: busy.port)
        let later = outbox.deliver(via: accepting.server, now: Sample.date.addingTimeInterval(31))
        #expect(later.sent == [name])
        #expect(try accepting.received().count == 1)
        #expect(try outbox.pending().isEmpty)
    }

    @Test("Two rounds in a row send each message once")
    func twoRoundsSendOnce() throws {
        let temporary = try TemporaryFolder()
        let server = try TestSMTPServer(folder: temporary.subfolder("received"))
        let outbox = try Outbox(folder: temporary.subfolder("outbox"))
        for seed in 1...3 {
            _ = try outbox.enqueue(Sample.message(seed: UInt64(seed)))
        }

        let first = outbox.deliver(via: server.server, now: Sample.date)
        let second = outbox.deliver(via: server.server, now: Sample.date)

        #expect(first.sent.count == 3)
        #expect(second.sent.isEmpty)
        #expect(try server.received().count == 3)
    }

    @Test("Two rounds at the same time send each message once")
    func concurrentRoundsSendOnce() throws {
        let temporary = try TemporaryFolder()
        let server = try TestSMTPServer(folder: temporary.subfolder("received"))
        let outbox = try Outbox(folder: temporary.subfolder("outbox"))
        for seed in 1...4 {
            _ = try outbox.enqueue(Sample.message(seed: UInt64(seed)))
        }
        let sent = Mutex<[String]>([])

        let smtp = server.server
        DispatchQueue.concurrentPerform(iterations: 2) { _ in
            let report = outbox.deliver(via: smtp, now: Sample.date)
            sent.withLock { $0 += report.sent }
        }

        #expect(sent.withLock { $0.count } == 4)
        #expect(sent.withLock { Set($0).count } == 4)
        let ids = try server.received().map { try MailParser.parse($0.bytes).messageID }
        #expect(ids.count == 4)
        #expect(Set(ids).count == 4)
    }
}
