import Foundation
import SQLite
import Synchronization

/// A fresh directory under the system temp dir, removed when the value goes away.
final class TemporaryDirectory {
    let url: URL

    init() throws {
        let name = "careportal-sqlite-\(UUID().uuidString)"
        url = FileManager.default.temporaryDirectory.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    /// The path of `name` inside the directory.
    func path(_ name: String) -> String {
        url.appendingPathComponent(name).path
    }
}

/// Collects failures from worker threads so the test can assert on them afterwards.
final class FailureLog: Sendable {
    private let entries = Mutex<[String]>([])

    func record(_ error: any Error) {
        entries.withLock { $0.append(String(describing: error)) }
    }

    var all: [String] { entries.withLock { $0 } }
}

/// Runs `work(index)` on `count` fresh threads at once and returns when all have finished.
func onThreads(_ count: Int, _ work: @escaping @Sendable (Int) -> Void) {
    let finished = DispatchGroup()

    for index in 0..<count {
        finished.enter()
        let thread = Thread {
            work(index)
            finished.leave()
        }
        thread.start()
    }
    finished.wait()
}

/// The single integer a query like `SELECT count(*) …` returns.
func scalar(_ database: Database, _ sql: String) throws -> Int64? {
    try database.queryOne(sql)?[0].int
}
