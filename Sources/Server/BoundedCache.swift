import Synchronization

/// A cache by key with a budget in bytes: when a new entry would pass the budget, everything
/// goes and the cache fills again from what is asked for next. Crude, but it keeps memory
/// flat whatever the traffic, and the entries are cheap to make again.
final class BoundedCache<Value: Sendable>: Sendable {
    private struct Store {
        var entries: [String: Value] = [:]
        var bytes = 0
    }

    private let store = Mutex(Store())
    private let budget: Int
    private let cost: @Sendable (Value) -> Int

    init(budget: Int, cost: @escaping @Sendable (Value) -> Int) {
        self.budget = budget
        self.cost = cost
    }

    subscript(key: String) -> Value? {
        store.withLock { $0.entries[key] }
    }

    /// The cached value for `key`, or `make()`'s, which is kept.
    func value(_ key: String, make: () -> Value?) -> Value? {
        if let known = self[key] { return known }
        guard let made = make() else { return nil }
        put(made, for: key)
        return made
    }

    func put(_ value: Value, for key: String) {
        let size = cost(value) + key.utf8.count + 64
        store.withLock { store in
            if let old = store.entries.removeValue(forKey: key) {
                store.bytes -= cost(old) + key.utf8.count + 64
            }
            if store.bytes + size > budget {
                store.entries.removeAll(keepingCapacity: true)
                store.bytes = 0
            }
            store.entries[key] = value
            store.bytes += size
        }
    }
}
