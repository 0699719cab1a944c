import Foundation
import Synchronization
import Testing

@testable import Server

/// Password hashes take a core and 19 MiB each; the gate lets one run at a time.
@Suite struct PasswordGateTests {
    @Test func hashesNeverOverlap() {
        let inside = Atomic<Int>(0)
        let most = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            PasswordGate.run {
                let now = inside.add(1, ordering: .sequentiallyConsistent).newValue
                _ = most.max(now, ordering: .sequentiallyConsistent)
                Thread.sleep(forTimeInterval: 0.01)
                inside.subtract(1, ordering: .sequentiallyConsistent)
            }
        }
        #expect(most.load(ordering: .sequentiallyConsistent) == 1)
    }
}
