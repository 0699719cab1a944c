import Foundation
import Synchronization

/// Runs independent tasks on a fixed number of threads, keeping results in input order.
enum Parallel {
    /// Threads for work that mixes computing with creating files: twice the cores, so one
    /// thread computes while another waits on the file system.
    static var ioWidth: Int {
        max(2, ProcessInfo.processInfo.activeProcessorCount * 2)
    }

    static func map<Input: Sendable, Output: Sendable>(
        _ inputs: [Input], width: Int, _ transform: @escaping @Sendable (Input) -> Output
    ) -> [Output] {
        let next = Atomic<Int>(0)
        let results = Mutex([Output?](repeating: nil, count: inputs.count))
        let threads = min(width, inputs.count)
        let group = DispatchGroup()
        for _ in 0..<threads {
            group.enter()
            let thread = Thread {
                while true {
                    let index = next.add(1, ordering: .relaxed).oldValue
                    guard index < inputs.count else { break }
                    let output = transform(inputs[index])
                    results.withLock { $0[index] = output }
                }
                group.leave()
            }
            thread.stackSize = 4 << 20
            thread.start()
        }
        group.wait()
        return results.withLock { $0.compactMap { $0 } }
    }
}
