import Foundation
import HTTP
import Synchronization
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Slow requests are answered on workers, so the event threads keep serving meanwhile.
@Suite struct DeferredRequestTests {
    /// One event thread: were `/slow` answered on it, `/fast` would wait the whole second.
    @Test func slowRequestDoesNotHoldUpTheEventThread() throws {
        let release = DispatchSemaphore(value: 0)
        var limits = HTTPLimits()
        limits.threads = 1
        let server = try HTTPServer(
            host: "127.0.0.1", port: 0, limits: limits,
            isSlow: { $0.rawPath == "/slow" },
            handler: { request in
                if request.rawPath == "/slow" { _ = release.wait(timeout: .now() + 10) }
                return HTTPResponse(status: 200, body: .bytes(Array(request.rawPath.utf8)))
            })
        defer { server.stop(grace: 1) }

        let slow = Fetch(port: server.port, path: "/slow")
        Thread.sleep(forTimeInterval: 0.2)
        let fast = Fetch(port: server.port, path: "/fast")
        #expect(fast.wait(seconds: 5) == "200 /fast")
        #expect(slow.result == nil)
        release.signal()
        #expect(slow.wait(seconds: 5) == "200 /slow")
    }

    /// Many slow requests at once each get their own answer, none lost or swapped.
    @Test func everyDeferredRequestGetsItsOwnAnswer() throws {
        let server = try HTTPServer(
            host: "127.0.0.1", port: 0, limits: HTTPLimits(), isSlow: { _ in true },
            handler: { request in
                Thread.sleep(forTimeInterval: 0.005)
                return HTTPResponse(status: 201, body: .bytes(Array(request.rawPath.utf8)))
            })
        defer { server.stop(grace: 1) }

        let fetches = (0..<40).map { Fetch(port: server.port, path: "/item/\($0)") }
        for (index, fetch) in fetches.enumerated() {
            #expect(fetch.wait(seconds: 10) == "201 /item/\(index)")
        }
    }

    /// Stopping waits for a request a worker is still answering, and that request is answered.
    @Test func stopWaitsForTheWorkers() throws {
        let server = try HTTPServer(
            host: "127.0.0.1", port: 0, limits: HTTPLimits(), isSlow: { _ in true },
            handler: { _ in
                Thread.sleep(forTimeInterval: 0.5)
                return HTTPResponse(status: 200, body: .bytes(Array("done".utf8)))
            })
        let fetch = Fetch(port: server.port, path: "/")
        Thread.sleep(forTimeInterval: 0.1)
        server.stop(grace: 0)
        #expect(fetch.wait(seconds: 5) == "200 done")
    }
}

/// One GET over real HTTP, started at once; `wait` gives "status body".
final class Fetch: Sendable {
    private let done = DispatchSemaphore(value: 0)
    private let answer = Mutex<String?>(nil)

    init(port: UInt16, path: String) {
        let url = URL(string: "http://127.0.0.1:\(port)\(path)")!
        let task = URLSession.shared.dataTask(with: url) { [self] data, response, _ in
            let status = (response as? HTTPURLResponse)?.statusCode ?? 0
            let text = String(decoding: data ?? Data(), as: UTF8.self)
            answer.withLock { $0 = "\(status) \(text)" }
            done.signal()
        }
        task.resume()
    }

    var result: String? { answer.withLock { $0 } }

    func wait(seconds: Double) -> String? {
        _ = done.wait(timeout: .now() + seconds)
        return result
    }
}
