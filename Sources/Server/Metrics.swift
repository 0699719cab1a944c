import Foundation
import Synchronization

/// Counters for Prometheus at `/metrics`: requests by status, how long they took, and the
/// security events (logins, failures, lockouts) and messages the audit log records. No user,
/// client or path appears in them.
final class Metrics: Sendable {
    /// Upper bounds of the latency buckets, in seconds.
    static let buckets: [Double] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1]

    private struct Counts {
        var statuses: [Int: Int] = [:]
        var buckets = [Int](repeating: 0, count: Metrics.buckets.count)
        var durationSum = 0.0
        var requests = 0
        var events: [String: Int] = [:]
    }

    private let counts = Mutex(Counts())

    func request(status: Int, seconds: Double) {
        counts.withLock { counts in
            counts.statuses[status, default: 0] += 1
            counts.requests += 1
            counts.durationSum += seconds
            if let bucket = Self.buckets.firstIndex(where: { seconds <= $0 }) {
                counts.buckets[bucket] += 1
            }
        }
    }

    func event(_ name: String) {
        counts.withLock { $0.events[name, default: 0] += 1 }
    }

    /// One counter family with a label, its values in a stable order.
    private static func counter(
        _ name: String, _ help: String, label: String, _ values: [String: Int]
    ) -> [String] {
        ["# HELP careportal_\(name) \(help)", "# TYPE careportal_\(name) counter"]
            + values.sorted { $0.key < $1.key }.map {
                "careportal_\(name){\(label)=\"\($0.key)\"} \($0.value)"
            }
    }

    /// The text exposition format, version 0.0.4.
    func exposition(mailQueue: Int) -> String {
        let counts = self.counts.withLock { $0 }
        var lines = Self.counter(
            "requests_total", "Requests answered, by status code.", label: "code",
            Dictionary(uniqueKeysWithValues: counts.statuses.map { (String($0.key), $0.value) }))
        lines += [
            "# HELP careportal_request_duration_seconds Time to answer a request.",
            "# TYPE careportal_request_duration_seconds histogram",
        ]
        var cumulative = 0
        for (bound, count) in zip(Self.buckets, counts.buckets) {
            cumulative += count
            lines.append(
                "careportal_request_duration_seconds_bucket{le=\"\(bound)\"} \(cumulative)")
        }
        lines += [
            "careportal_request_duration_seconds_bucket{le=\"+Inf\"} \(counts.requests)",
            "careportal_request_duration_seconds_sum \(counts.durationSum)",
            "careportal_request_duration_seconds_count \(counts.requests)",
        ]
        lines += Self.counter(
            "events_total", "Audit events: logins, failures, lockouts, messages.",
            label: "event", counts.events)
        lines += [
            "# HELP careportal_mail_queue_length Messages waiting in the outbox.",
            "# TYPE careportal_mail_queue_length gauge",
            "careportal_mail_queue_length \(mailQueue)",
        ]
        return lines.joined(separator: "\n") + "\n"
    }
}
