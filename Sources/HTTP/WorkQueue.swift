import CSystem
import Foundation

/// A fixed set of threads that run jobs in the order they came, for work that may block
/// (a password hash, a write with a disk sync) and so must not run on an event thread.
///
/// The queue holds one job per suspended connection, so libmicrohttpd's connection limits bound
/// it. Known limit: suspended connections are not timed out, so a flood of logins from many
/// addresses makes other people's logins wait their turn (pages are not affected).
final class WorkQueue: Sendable {
    private let state = NSCondition()
    // Invariant: `jobs` and `running` are only touched while `state` is locked.
    nonisolated(unsafe) private var jobs: [@Sendable () -> Void] = []
    nonisolated(unsafe) private var running = true
    nonisolated(unsafe) private var threads = 0

    /// Starts `count` threads, each lowered by `niceness` against the event threads, so that
    /// a burst of slow work slows other slow work rather than every page.
    init(count: Int, name: String, niceness: Int32) {
        threads = max(1, count)
        for index in 0..<threads {
            let thread = Thread { [self] in
                // A failure leaves the thread at the process's priority: only fairness is lost.
                _ = careportal_lower_thread_priority(niceness)
                work()
            }
            thread.name = "\(name)-\(index)"
            thread.start()
        }
    }

    func add(_ job: @escaping @Sendable () -> Void) {
        state.lock()
        jobs.append(job)
        state.signal()
        state.unlock()
    }

    /// Runs what is queued, then ends the threads and waits for them.
    func stop() {
        state.lock()
        running = false
        state.broadcast()
        while threads > 0 { state.wait() }
        state.unlock()
    }

    private func work() {
        while let job = next() { job() }
        state.lock()
        threads -= 1
        state.broadcast()
        state.unlock()
    }

    private func next() -> (@Sendable () -> Void)? {
        state.lock()
        defer { state.unlock() }
        while jobs.isEmpty && running { state.wait() }
        return jobs.isEmpty ? nil : jobs.removeFirst()
    }
}
