import CMicroHTTPD
import Foundation
import Synchronization

/// Why the server did not start.
public struct HTTPServerError: Error, Sendable, CustomStringConvertible {
    public var description: String
}

/// An HTTP server on libmicrohttpd: a pool of event threads, each answering whole requests by
/// calling `handler`, and a few worker threads for the requests that `isSlow` picks.
///
/// An event thread serves every connection given to it, so one that waits (on a password
/// hash, on a disk sync) stalls them all. A slow request is therefore suspended
/// (`MHD_suspend_connection`, which libmicrohttpd's flow-control chapter prescribes for this),
/// answered on a worker thread, and resumed with its response.
///
/// libmicrohttpd calls back on its own threads; everything C stays in this file and
/// `Connection.swift`.
public final class HTTPServer: @unchecked Sendable {
    public typealias Handler = @Sendable (HTTPRequest) -> HTTPResponse
    public typealias Classifier = @Sendable (HTTPRequest) -> Bool

    // Invariant: `daemon` is set once in init and cleared only in `stop`, which libmicrohttpd
    // documents as safe to call once from another thread.
    private var daemon: OpaquePointer?
    private let box: Unmanaged<HandlerBox>
    public let port: UInt16

    public init(
        host: String, port: UInt16, limits: HTTPLimits,
        isSlow: @escaping Classifier = { _ in false }, handler: @escaping Handler
    ) throws(HTTPServerError) {
        let workers = WorkQueue(
            count: limits.workers, name: "careportal-worker", niceness: limits.workerNiceness)
        let box = Unmanaged.passRetained(
            HandlerBox(handler, isSlow: isSlow, workers: workers))
        let settings = careportal_http_limits(
            threads: UInt32(limits.threads), connection_limit: UInt32(limits.connectionLimit),
            per_ip_limit: UInt32(limits.perAddressLimit),
            timeout_seconds: UInt32(limits.timeoutSeconds),
            memory_per_connection: limits.memoryPerConnection, max_body: limits.maximumBody)
        guard
            let started = careportal_http_start(
                host, port, settings, dispatchRequest, box.toOpaque())
        else {
            workers.stop()
            box.release()
            throw HTTPServerError(
                description: "cannot listen on \(host):\(port); is another "
                    + "program using the port, or is the address not one of this machine's?")
        }
        self.box = box
        self.daemon = started
        self.port = careportal_http_port(started)
    }

    /// Lets the requests being answered finish (waiting up to `grace` seconds), then stops.
    ///
    /// Slow requests on the workers are always waited for: stopping libmicrohttpd while a
    /// connection is suspended is a violation of its API, and each such request is bounded
    /// (a password hash, a write with SQLite's busy timeout).
    ///
    /// Known limit: new connections are still accepted while draining. libmicrohttpd's
    /// `MHD_quiesce_daemon` would refuse them, but with a thread pool on epoll it can abort
    /// the process when it races a worker over the listening socket (seen here with 0.9.75).
    public func stop(grace: TimeInterval = 10) {
        guard let daemon else { return }
        let handlers = box.takeUnretainedValue()
        handlers.draining.store(true, ordering: .relaxed)
        let deadline = Date().addingTimeInterval(grace)
        while handlers.active.load(ordering: .relaxed) > 0 && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.01)
        }
        while handlers.deferred.load(ordering: .relaxed) > 0 {
            Thread.sleep(forTimeInterval: 0.01)
        }
        handlers.workers.stop()
        MHD_stop_daemon(daemon)
        self.daemon = nil
        box.release()
    }

    deinit {
        stop(grace: 0)
    }
}

/// Holds the Swift handler for the C callback, and counts the calls in progress.
final class HandlerBox: Sendable {
    let handler: HTTPServer.Handler
    let isSlow: HTTPServer.Classifier
    let workers: WorkQueue
    /// Requests being answered, on event threads or workers.
    let active = Atomic<Int>(0)
    /// Requests suspended while a worker answers them.
    let deferred = Atomic<Int>(0)
    /// While stopping, every answer asks the client to close its connection.
    let draining = Atomic<Bool>(false)

    init(
        _ handler: @escaping HTTPServer.Handler, isSlow: @escaping HTTPServer.Classifier,
        workers: WorkQueue
    ) {
        self.handler = handler
        self.isSlow = isSlow
        self.workers = workers
    }

    func answer(_ request: HTTPRequest) -> HTTPResponse {
        var response = handler(request)
        if draining.load(ordering: .relaxed) {
            response.headers.append(("Connection", "close"))
        }
        return response
    }
}

/// The C entry point: turns the request into Swift values, then answers it here or, when it
/// is slow, suspends it and answers it on a worker.
private let dispatchRequest: careportal_http_handler = { context, request in
    guard let context, let request else { return Int32(CAREPORTAL_HTTP_DROP) }
    let box = Unmanaged<HandlerBox>.fromOpaque(context).takeUnretainedValue()
    box.active.add(1, ordering: .relaxed)
    let connection = Connection(request.pointee)
    guard box.isSlow(connection.request) else {
        defer { box.active.subtract(1, ordering: .relaxed) }
        let queued = connection.queue(box.answer(connection.request))
        return Int32(queued ? CAREPORTAL_HTTP_QUEUED : CAREPORTAL_HTTP_DROP)
    }
    box.deferred.add(1, ordering: .relaxed)
    let later = connection.deferred()
    box.workers.add {
        later.finish(box.answer(later.request))
        box.deferred.subtract(1, ordering: .relaxed)
        box.active.subtract(1, ordering: .relaxed)
    }
    return Int32(CAREPORTAL_HTTP_DEFERRED)
}
