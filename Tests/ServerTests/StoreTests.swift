import Fixtures
import Foundation
import Store
import Testing

/// The state database on its own: a real SQLite file in a temporary folder.
@Suite struct StoreTests {
    private func store() throws -> (StateStore, ContentFixture) {
        let fixture = try ContentFixture(minimal: false)
        return (try StateStore(folder: fixture.root.appendingPathComponent("state")), fixture)
    }

    private func session(_ id: UInt8, lastSeen: Int64, expires: Int64) -> SessionRecord {
        SessionRecord(
            idHash: [UInt8](repeating: id, count: 32), username: "a", kind: .login,
            csrf: "t", createdAt: lastSeen, lastSeen: lastSeen, expiresAt: expires)
    }

    @Test func endedSessionsAreRemovedAndLiveOnesKept() throws {
        let (store, _) = try store()
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        try store.invite("a", tokenHash: [1], now: now, validFor: 60, reset: false)
        let time = Int64(now.timeIntervalSince1970)
        try store.insert(session(1, lastSeen: time, expires: time + 3600))
        try store.insert(session(2, lastSeen: time - 4000, expires: time + 3600))
        try store.insert(session(3, lastSeen: time, expires: time - 1))
        try store.deleteEndedSessions(now: now, idle: 1800, keep: 0)
        #expect(try store.session([UInt8](repeating: 1, count: 32)) != nil)
        #expect(try store.session([UInt8](repeating: 2, count: 32)) == nil)
        #expect(try store.session([UInt8](repeating: 3, count: 32)) == nil)
    }

    /// An ended session stays for its retention, as who and when only, and then goes.
    @Test func anEndedSessionIsKeptForItsRetentionWithoutItsSecrets() throws {
        let (store, _) = try store()
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        try store.invite("a", tokenHash: [1], now: now, validFor: 60, reset: false)
        let time = Int64(now.timeIntervalSince1970)
        let id = [UInt8](repeating: 4, count: 32)
        try store.insert(session(4, lastSeen: time, expires: time + 3600))

        try store.endSession(id, now: now)
        let ended = try #require(try store.session(id))
        #expect(ended.expiresAt == time && ended.csrf.isEmpty && ended.pendingSecret == nil)

        let day: TimeInterval = 24 * 3600
        try store.deleteEndedSessions(now: now + day, idle: 1800, keep: 2 * day)
        #expect(try store.session(id) != nil, "kept within its retention")
        try store.deleteEndedSessions(now: now + 3 * day, idle: 1800, keep: 2 * day)
        #expect(try store.session(id) == nil, "gone after it")
    }

    @Test func aTokenIsUsedOnceEvenWhenRaced() throws {
        let (store, _) = try store()
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        try store.invite("a", tokenHash: [9, 9], now: now, validFor: 60, reset: false)
        let results = Locked<[TokenUse]>([])
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            let use = (try? store.consumeToken([9, 9], now: now)) ?? .unknown
            results.update { $0.append(use) }
        }
        #expect(results.value.filter { $0 == .accepted(username: "a") }.count == 1)
        #expect(results.value.filter { $0 == .used }.count == 7)
    }

    @Test func parallelFailuresAreAllCounted() throws {
        let (store, _) = try store()
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        DispatchQueue.concurrentPerform(iterations: 40) { _ in
            _ = try? store.recordFailure("password:a", now: now, window: 3600)
        }
        #expect(try store.failures("password:a", now: now, window: 3600).count == 40)
    }

    @Test func aCodeStepIsUsedOnce() throws {
        let (store, _) = try store()
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        try store.invite("a", tokenHash: [1], now: now, validFor: 60, reset: false)
        #expect(try store.useCodeStep("a", step: 100))
        #expect(try !store.useCodeStep("a", step: 100))
        #expect(try !store.useCodeStep("a", step: 99))
        #expect(try store.useCodeStep("a", step: 101))
    }
}
