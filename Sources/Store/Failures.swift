import Foundation
import SQLite

/// Failed attempts counted per key (`password:<user>`, `code:<user>`, `address:<ip>`) in a
/// sliding window of one hour.
public struct FailureCount: Sendable, Equatable {
    public var count: Int
    public var lastAt: Int64
}

extension StateStore {
    /// The failures of `key` in the current window; none when the window has passed.
    public func failures(_ key: String, now: Date, window: TimeInterval) throws -> FailureCount {
        guard
            let row = try database.queryOne(
                "SELECT * FROM failures WHERE key = ?", [.text(key)]),
            let start = row.int("window_start"), start > now.seconds - Int64(window)
        else { return FailureCount(count: 0, lastAt: 0) }
        return FailureCount(count: Int(row.int("count") ?? 0), lastAt: row.int("last_at") ?? 0)
    }

    /// Counts one more failure in one statement, so parallel guesses are all counted, and
    /// returns the new count.
    @discardableResult
    public func recordFailure(_ key: String, now: Date, window: TimeInterval) throws -> Int {
        let time = now.seconds
        let row = try database.queryOne(
            """
            INSERT INTO failures (key, count, window_start, last_at) VALUES (?, 1, ?, ?)
            ON CONFLICT (key) DO UPDATE SET
                count = CASE WHEN window_start <= ? THEN 1 ELSE count + 1 END,
                window_start = CASE WHEN window_start <= ? THEN excluded.window_start
                    ELSE window_start END,
                last_at = excluded.last_at
            RETURNING count
            """,
            [
                .text(key), .integer(time), .integer(time), .integer(time - Int64(window)),
                .integer(time - Int64(window)),
            ])
        return Int(row?.int("count") ?? 1)
    }

    public func clearFailures(_ key: String) throws {
        try database.run("DELETE FROM failures WHERE key = ?", [.text(key)])
    }
}
