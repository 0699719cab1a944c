import CMicroHTTPD
import Foundation
import Synchronization

/// Why the server did not start.
public struct HTTPServerError: Error, Sendable, CustomStringConvertible {
    public var description: String
}

/// An HTTP server on libmicrohttpd: a pool of threads, each answering whole requests by calling
/// `handler`, which must not block for long.
///
/// libmicrohttpd calls back on its own threads; everything C stays in this file and
/// `Connection.swift`.
public final class HTTPServer: @unchecked Sendable {
    public typealias Handler = @Sendable (HTTPRequest) -> HTTPResponse

    // Invariant: `daemon` is set once in init and cleared only in `stop`, which libmicrohttpd
    // documents as safe to call once from another thread.
    private var daemon: OpaquePointer?
    private let box: Unmanaged<HandlerBox>
    public let port: UInt16

    public init(host: String, port: UInt16, limits: HTTPLimits, handler: @escaping Handler)
        throws(HTTPServerError)
    {
        let box = Unmanaged.passRetained(HandlerBox(handler))
        let settings = careportal_http_limits(
            threads: UInt32(limits.threads), connection_limit: UInt32(limits.connectionLimit),
            per_ip_limit: UInt32(limits.perAddressLimit),
            timeout_seconds: UInt32(limits.timeoutSeconds),
            memory_per_connection: limits.memoryPerConnection, max_body: limits.maximumBody)
        guard
            let started = careportal_http_start(
                host, port, settings, dispatchRequest, box.toOpaque())
        else {
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
    let active = Atomic<Int>(0)
    /// While stopping, every answer asks the client to close its connection.
    let draining = Atomic<Bool>(false)

    init(_ handler: @escaping HTTPServer.Handler) {
        self.handler = handler
    }
}

/// The C entry point: turns the request into Swift values, runs the handler, queues the answer.
private let dispatchRequest: careportal_http_handler = { context, request in
    guard let context, let request else { return 0 }
    let box = Unmanaged<HandlerBox>.fromOpaque(context).takeUnretainedValue()
    box.active.add(1, ordering: .relaxed)
    defer { box.active.subtract(1, ordering: .relaxed) }
    let connection = Connection(request.pointee)
    var response = box.handler(connection.request)
    if box.draining.load(ordering: .relaxed) {
        response.headers.append(("Connection", "close"))
    }
    return connection.queue(response) ? 1 : 0
}
