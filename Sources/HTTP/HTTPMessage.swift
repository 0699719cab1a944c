import Foundation

/// A complete HTTP request as careportal sees it: raw path and query, headers, body.
public struct HTTPRequest: Sendable {
    public var method: String
    /// The path as sent, percent-escapes and all; decoding is the router's job.
    public var rawPath: String
    /// Query parameters, still percent-encoded, in order.
    public var rawQuery: [(name: String, value: String)]
    /// Header names in lower case.
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]
    /// True when the body was larger than the limit and was cut off.
    public var bodyTooLarge: Bool
    public var clientAddress: String

    public init(
        method: String, rawPath: String, rawQuery: [(name: String, value: String)] = [],
        headers: [(name: String, value: String)] = [], body: [UInt8] = [],
        bodyTooLarge: Bool = false, clientAddress: String = "127.0.0.1"
    ) {
        self.method = method
        self.rawPath = rawPath
        self.rawQuery = rawQuery
        self.headers = headers
        self.body = body
        self.bodyTooLarge = bodyTooLarge
        self.clientAddress = clientAddress
    }

    /// The first header of that name (case-insensitive).
    public func header(_ name: String) -> String? {
        let lower = asciiLowercased(name)
        return headers.first { $0.name == lower }?.value
    }

    /// Every header of that name, for headers that may repeat (Cookie).
    public func headers(named name: String) -> [String] {
        let lower = asciiLowercased(name)
        return headers.filter { $0.name == lower }.map(\.value)
    }
}

/// What to send back. A file body is sent by libmicrohttpd straight from the descriptor.
public struct HTTPResponse: Sendable {
    public enum Body: Sendable {
        case bytes([UInt8])
        /// An open descriptor the response takes ownership of (it is closed after sending).
        case file(descriptor: Int32, offset: Int64, length: Int64)
    }

    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: Body

    public init(status: Int, headers: [(name: String, value: String)] = [], body: Body) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The number of body bytes, for logs.
    public var bodyLength: Int64 {
        switch body {
        case .bytes(let bytes): return Int64(bytes.count)
        case .file(_, _, let length): return length
        }
    }

    /// The first header of that name (case-insensitive).
    public func header(_ name: String) -> String? {
        let lower = name.lowercased()
        return headers.first { $0.name.lowercased() == lower }?.value
    }
}

/// Limits set on libmicrohttpd instead of its defaults; each one bounds what a slow or hostile
/// client can take from the server.
public struct HTTPLimits: Sendable {
    /// Event threads: one per core, since none of them waits (slow requests go to workers).
    public var threads = max(2, ProcessInfo.processInfo.activeProcessorCount)
    /// Threads for slow requests (password hashes, writes with a disk sync). More than cores:
    /// most of them wait, on a disk sync or for their turn to hash a password.
    public var workers = max(4, 2 * ProcessInfo.processInfo.activeProcessorCount)
    /// How much lower the workers run than the event threads (see `setpriority(2)`).
    public var workerNiceness: Int32 = 5
    public var connectionLimit = 1000
    public var perAddressLimit = 64
    public var timeoutSeconds = 30
    /// Bounds the request line and headers of one connection.
    public var memoryPerConnection = 32 * 1024
    public var maximumBody = 64 * 1024

    public init() {}
}
