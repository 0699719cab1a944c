import Foundation
import Synchronization

/// A background thread that runs `work` every `interval` seconds and once more on `stop`, so
/// what a write-behind buffer holds is written before the process ends.
final class Periodic: Sendable {
    private let running = Atomic<Bool>(true)
    private let wake = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)

    init(name: String, interval: TimeInterval, work: @escaping @Sendable () -> Void) {
        let thread = Thread { [self] in
            while running.load(ordering: .relaxed) {
                _ = wake.wait(timeout: .now() + interval)
                work()
            }
            finished.signal()
        }
        thread.name = name
        thread.start()
    }

    /// Runs the work a last time and waits for it; later calls do nothing.
    func stop() {
        guard running.exchange(false, ordering: .relaxed) else { return }
        wake.signal()
        finished.wait()
    }
}
