import Foundation
import Store
import Support
import Synchronization

/// The audit log with group commit: security events are written before the response, page
/// views are buffered and written together at most `interval` seconds later.
///
/// Known limit: a crash loses the page views of at most the last `interval` seconds (one
/// second by default); writing each view with its own disk sync would cost more than the page.
final class AuditLog: Sendable {
    private let store: StateStore
    private let logger: Logger
    let metrics = Metrics()
    private let pending = Mutex<[AuditEvent]>([])
    private let writer = Mutex<Periodic?>(nil)

    init(store: StateStore, interval: TimeInterval, logger: Logger) {
        self.store = store
        self.logger = logger
        let periodic = Periodic(name: "careportal-audit", interval: interval) { [self] in
            flush()
        }
        writer.withLock { $0 = periodic }
    }

    /// Writes a security event now, before the response goes out.
    func now(_ event: AuditEvent) {
        metrics.event(event.event)
        do {
            try store.record([event])
        } catch {
            logger.error("cannot write the audit log", ["error": "\(error)"])
        }
    }

    /// Buffers a page view for the next group commit.
    func later(_ event: AuditEvent) {
        pending.withLock { $0.append(event) }
    }

    func flush() {
        let events = pending.withLock { events in
            defer { events.removeAll(keepingCapacity: true) }
            return events
        }
        do {
            try store.record(events)
        } catch {
            logger.error(
                "cannot write the audit log", ["error": "\(error)", "lost": "\(events.count)"])
        }
    }

    /// Writes what is buffered and stops the writer.
    func stop() {
        writer.withLock { $0 }?.stop()
    }
}
