import Testing

@testable import Server

/// The caches in front of pages and fragments stay within their budget whatever is asked.
@Suite struct BoundedCacheTests {
    @Test func aCacheStartsOverInsteadOfPassingItsBudget() {
        let cache = BoundedCache<String>(budget: 10_000) { $0.utf8.count }
        for number in 0..<1_000 {
            cache.put(String(repeating: "x", count: 500), for: "key \(number)")
        }
        let kept = (0..<1_000).filter { cache["key \($0)"] != nil }.count
        #expect(kept > 0 && kept <= 10_000 / 500, "\(kept) entries kept")
        #expect(cache["key 999"] != nil, "the newest is always kept")
    }

    @Test func replacingAnEntryDoesNotCountItTwice() {
        let cache = BoundedCache<String>(budget: 2_000) { $0.utf8.count }
        cache.put("first", for: "other")
        for _ in 0..<1_000 { cache.put(String(repeating: "y", count: 1_000), for: "same") }
        #expect(cache["other"] == "first")
    }

    @Test func aValueIsMadeOnceUntilItIsDropped() {
        let cache = BoundedCache<String>(budget: 1_000) { $0.utf8.count }
        var made = 0
        for _ in 0..<10 {
            _ = cache.value("k") {
                made += 1
                return "v"
            }
        }
        #expect(made == 1)
    }
}
