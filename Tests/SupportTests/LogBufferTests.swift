import Foundation
import Support
import Testing

/// The server's log: lines from many threads arrive whole and in each thread's order, the
/// routine ones within the interval, warnings at once, and nothing is left behind at stop.
@Suite struct LogBufferTests {
    /// A temporary file to log into, read back as lines.
    final class LogFile {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("careportal-log-\(UUID().uuidString)")
        let descriptor: Int32

        init() {
            descriptor = open(url.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        }

        deinit {
            close(descriptor)
            try? FileManager.default.removeItem(at: url)
        }

        var lines: [String] {
            let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
            return text.split(separator: "\n").map(String.init)
        }
    }

    @Test func linesFromManyThreadsStayWholeAndInOrder() {
        let file = LogFile()
        let buffer = LogBuffer(descriptor: file.descriptor, interval: 0.05, capacity: 4096)
        let logger = Logger.buffered(label: "test", into: buffer)
        DispatchQueue.concurrentPerform(iterations: 8) { thread in
            for number in 0..<500 {
                logger.info("request", ["thread": "\(thread)", "n": "\(number)"])
            }
        }
        buffer.stop()

        let lines = file.lines
        #expect(lines.count == 4000)
        for thread in 0..<8 {
            let numbers = lines.filter { $0.contains(" thread=\(thread) ") }.compactMap {
                $0.split(separator: "=").last.flatMap { Int($0) }
            }
            #expect(numbers == Array(0..<500))
        }
    }

    @Test func routineLinesWaitForTheIntervalAndWarningsDoNot() {
        let file = LogFile()
        let buffer = LogBuffer(descriptor: file.descriptor, interval: 0.5)
        defer { buffer.stop() }
        let logger = Logger.buffered(label: "test", into: buffer)
        logger.info("request", [:])
        #expect(file.lines.isEmpty)
        logger.warning("login failed", [:])
        #expect(file.lines.count == 2)
        logger.info("request", [:])
        Thread.sleep(forTimeInterval: 1.2)
        #expect(file.lines.count == 3)
    }
}
