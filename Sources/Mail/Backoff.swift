import Foundation

/// How long to wait after a temporary failure: 30 s, doubling per attempt, at most one hour.
public enum Backoff {
    /// The wait after the `attempts`-th failed attempt (1 or more).
    public static func delay(afterAttempts attempts: Int) -> TimeInterval {
        let doublings = min(max(attempts, 1) - 1, 7)
        return min(30 * TimeInterval(1 << doublings), 3600)
    }
}
