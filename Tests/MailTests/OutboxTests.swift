import Foundation
import Testing

@testable import Mail

@Suite("The outbox folder, without a mail server")
struct OutboxTests {
    @Test("The .eml appears in one rename from a temporary whose name is not .eml")
    func enqueueIsAtomic() throws {
        let temporary = try TemporaryFolder()
        let outbox = try Outbox(folder: temporary.subfolder("outbox"))
        let message = try Sample.message()
        var temporaryName = ""
        var temporaryBytes: [UInt8] = []
        var visibleDuring: [String] = []
        var pendingDuring = -1

        let name = try outbox.enqueue(message) { file in
            temporaryName = file.lastPathComponent
            temporaryBytes = (try? OutboxFiles.read(file)) ?? []
            visibleDuring = (try? OutboxFiles.names(in: outbox.folder)) ?? []
            pendingDuring = (try? outbox.pending().count) ?? -1
        }

        #expect(!temporaryName.hasSuffix(".eml"))
        #expect(temporaryBytes == message.rfc5322())
        #expect(!visibleDuring.contains { $0.hasSuffix(".eml") })
        #expect(pendingDuring == 0)
        let after = try FileManager.default.contentsOfDirectory(atPath: outbox.folder.path)
        #expect(after.sorted() == ["\(name).eml", "\(name).json", "failed", "sent"])
        #expect(try outbox.pending().map(\.name) == [name])
    }

    @Test("Leftovers of a crash (a temporary, a lone .json) are not listed")
    func crashLeftoversIgnored() throws {
        let temporary = try TemporaryFolder()
        let outbox = try Outbox(folder: temporary.subfolder("outbox"))
        let partial = Array(try Sample.message().rfc5322().prefix(40))
        try Data(partial).write(to: outbox.folder.appendingPathComponent(".x.eml.tmp"))
        try Data("{}".utf8).write(to: outbox.folder.appendingPathComponent("orphan.json"))

        #expect(try outbox.pending().isEmpty)
        let report = outbox.deliver(via: nil, now: Sample.date)
        #expect(report.held.isEmpty)
        #expect(report.problems.isEmpty)
    }

    @Test("An .eml without readable state is reported, never dropped")
    func unreadableStateReported() throws {
        let temporary = try TemporaryFolder()
        let outbox = try Outbox(folder: temporary.subfolder("outbox"))
        let name = try outbox.enqueue(Sample.message())
        try Data("not json".utf8).write(to: outbox.stateFile(name))

        let report = outbox.deliver(via: nil, now: Sample.date)

        #expect(report.problems.count == 1)
        #expect(report.problems.first?.contains(name) == true)
        #expect(FileManager.default.fileExists(atPath: outbox.messageFile(name).path))
    }

    @Test("Without SMTP the message stays as a valid .eml with its envelope beside it")
    func withoutServerMessagesStay() throws {
        let temporary = try TemporaryFolder()
        let outbox = try Outbox(folder: temporary.subfolder("outbox"))
        let message = try Sample.message()
        let name = try outbox.enqueue(message)

        let report = outbox.deliver(via: nil, now: Sample.date.addingTimeInterval(3600))

        #expect(report.held == [name])
        #expect(report.sent.isEmpty && report.postponed.isEmpty && report.failed.isEmpty)
        let stored = try OutboxFiles.read(outbox.messageFile(name))
        #expect(stored == message.rfc5322())
        #expect(try MailParser.parse(stored).subject == Sample.subject)
        let state = try #require(try outbox.pending().first?.state)
        #expect(state.from == "portaal@delinde.example.nl")
        #expect(state.to == ["anouk@example.org"])
        #expect(state.attempts == 0 && state.lastError == nil && state.sentAt == nil)
        #expect(name.hasPrefix("20261203T162000.000Z-"))
    }

    @Test("pending() lists the oldest message first")
    func oldestFirst() throws {
        let temporary = try TemporaryFolder()
        let outbox = try Outbox(folder: temporary.subfolder("outbox"))
        let offsets: [TimeInterval] = [2, 0, 0.5, 1]
        var names: [TimeInterval: String] = [:]
        for (index, offset) in offsets.enumerated() {
            let date = Sample.date.addingTimeInterval(offset)
            names[offset] = try outbox.enqueue(Sample.message(date: date, seed: UInt64(index)))
        }

        let listed = try outbox.pending().map(\.name)

        #expect(listed == offsets.sorted().compactMap { names[$0] })
    }

    @Test(
        "The retry delay doubles from 30 seconds and stops at an hour",
        arguments: [
            (1, 30.0), (2, 60.0), (3, 120.0), (4, 240.0), (7, 1920.0), (8, 3600.0), (50, 3600.0),
        ])
    func backoff(attempts: Int, seconds: TimeInterval) {
        #expect(Backoff.delay(afterAttempts: attempts) == seconds)
    }
}
