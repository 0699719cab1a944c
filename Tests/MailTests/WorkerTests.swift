import Fixtures
import Dispatch
import Foundation
import SMTP
import Synchronization
import Testing

@testable import Mail

/// The reports a worker hands out, taken one by one in order.
final class ReportInbox: Sendable {
    private let reports = Mutex<[DeliveryReport]>([])
    private let arrived = DispatchSemaphore(value: 0)

    func add(_ report: DeliveryReport) {
        reports.withLock { $0.append(report) }
        arrived.signal()
    }

    /// The next report; nil only if none comes within a minute (a hung worker, not a slow one).
    func next() -> DeliveryReport? {
        guard arrived.wait(timeout: .now() + 60) == .success else { return nil }
        return reports.withLock { $0.removeFirst() }
    }
}

@Suite("The background worker")
struct WorkerTests {
    @Test(
        "It delivers at start and on wake(), judging due dates by the injected clock",
        Python.needsAiosmtpd)
    func deliversOnWakeByClock() throws {
        let temporary = try TemporaryFolder()
        let server = try TestSMTPServer(folder: temporary.subfolder("received"))
        let outbox = try Outbox(folder: temporary.subfolder("outbox"))
        let name = try outbox.enqueue(Sample.message())
        let now = Mutex(Sample.date.addingTimeInterval(-60))
        let inbox = ReportInbox()
        let worker = OutboxWorker(
            outbox: outbox, server: server.server, interval: 3600,
            clock: { now.withLock { $0 } }, onReport: inbox.add)

        worker.start()
        let early = try #require(inbox.next())
        now.withLock { $0 = Sample.date }
        worker.wake()
        let due = try #require(inbox.next())
        worker.stop()

        #expect(early.waiting == [name])
        #expect(due.sent == [name])
        #expect(try server.received().count == 1)
    }

    @Test("stop() returns only after the round in progress has finished")
    func stopWaitsForRound() throws {
        let temporary = try TemporaryFolder()
        let outbox = try Outbox(folder: temporary.subfolder("outbox"))
        let entered = DispatchSemaphore(value: 0)
        let gate = DispatchSemaphore(value: 0)
        let finished = Mutex(false)
        let worker = OutboxWorker(
            outbox: outbox, server: nil, interval: 3600,
            onReport: { _ in
                entered.signal()
                gate.wait()
                finished.withLock { $0 = true }
            })

        worker.start()
        #expect(entered.wait(timeout: .now() + 60) == .success)
        DispatchQueue.global().async { gate.signal() }
        worker.stop()

        #expect(finished.withLock { $0 })
    }

    @Test("Without SMTP the worker leaves messages in the outbox")
    func withoutServerHolds() throws {
        let temporary = try TemporaryFolder()
        let outbox = try Outbox(folder: temporary.subfolder("outbox"))
        let name = try outbox.enqueue(Sample.message())
        let inbox = ReportInbox()
        let worker = OutboxWorker(
            outbox: outbox, server: nil, interval: 3600,
            clock: { Sample.date }, onReport: inbox.add)

        worker.start()
        let report = try #require(inbox.next())
        worker.stop()

        #expect(report.held == [name])
        #expect(try outbox.pending().map(\.name) == [name])
    }
}
