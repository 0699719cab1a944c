import Dispatch
import Foundation
import SMTP
import Synchronization

/// Delivers the outbox in the background: once at start, every `interval`, and on `wake()`.
///
/// Known limit: the pause between rounds follows the real clock, not the injected one, because
/// it is a semaphore wait; tests drive rounds with wake() instead.
public final class OutboxWorker: Sendable {
    private enum Phase {
        case idle, running, stopped
    }

    private let outbox: Outbox
    private let server: SMTPServer?
    private let interval: TimeInterval
    private let clock: @Sendable () -> Date
    private let onReport: @Sendable (DeliveryReport) -> Void

    private let phase = Mutex(Phase.idle)
    /// Signalled by wake() and stop() to cut the wait between rounds short.
    private let alarm = DispatchSemaphore(value: 0)
    /// Entered while the loop runs, so stop() can wait for the round in progress.
    private let running = DispatchGroup()

    /// A worker for `outbox`; `clock` says what time it is for due dates, `onReport` hears
    /// each round's report (on the worker's thread; it must not call stop()).
    public init(
        outbox: Outbox, server: SMTPServer?, interval: TimeInterval,
        clock: @escaping @Sendable () -> Date = { Date() },
        onReport: @escaping @Sendable (DeliveryReport) -> Void = { _ in }
    ) {
        self.outbox = outbox
        self.server = server
        self.interval = interval
        self.clock = clock
        self.onReport = onReport
    }

    /// Starts the loop on its own thread; later calls do nothing.
    public func start() {
        let starts = phase.withLock { phase in
            guard phase == .idle else { return false }
            phase = .running
            return true
        }
        guard starts else { return }

        running.enter()
        // A thread, not a Task: a delivery blocks in libcurl for up to the SMTP timeout,
        // which must not hold one of the few threads of Swift's cooperative pool.
        let thread = Thread { [self] in
            loop()
            running.leave()
        }
        thread.name = "careportal-outbox"
        thread.start()
    }

    /// Runs a round now instead of at the end of the interval, e.g. right after enqueueing.
    public func wake() {
        alarm.signal()
    }

    /// Ends the loop and returns once the round in progress, if any, has finished.
    public func stop() {
        phase.withLock { $0 = .stopped }
        alarm.signal()
        running.wait()
    }

    private var isRunning: Bool {
        phase.withLock { $0 == .running }
    }

    private func loop() {
        while isRunning {
            onReport(outbox.deliver(via: server, now: clock()))
            _ = alarm.wait(timeout: .now() + interval)
            // Several wakes during one round need only one more round.
            while alarm.wait(timeout: .now()) == .success {}
        }
    }
}
