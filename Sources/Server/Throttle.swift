import Foundation
import Store

/// Slows guessing down instead of locking people out at their first mistakes.
///
/// Each of the password, the code and the client address has its own count per hour. The
/// first few failures cost nothing; after that each attempt must wait twice as long as the
/// one before (up to 15 minutes), and 100 failures in an hour lock the account until
/// `careportal unlock`.
struct Throttle {
    static let window: TimeInterval = 3600
    static let freeFailures = 5
    static let addressFreeFailures = 30
    static let maximumDelay: TimeInterval = 900
    static let lockAfter = 100

    let store: StateStore

    /// Whether an attempt on `key` must wait now.
    func isWaiting(_ key: String, now: Date, free: Int = freeFailures) -> Bool {
        guard let failures = try? store.failures(key, now: now, window: Self.window),
            failures.count >= free
        else { return false }
        let delay = min(pow(2, Double(failures.count - free)), Self.maximumDelay)
        return Double(now.seconds - failures.lastAt) < delay
    }

    /// Counts a failure; true when the account has now reached the lockout.
    func fail(_ key: String, now: Date) -> Int {
        (try? store.recordFailure(key, now: now, window: Self.window)) ?? 0
    }
}
