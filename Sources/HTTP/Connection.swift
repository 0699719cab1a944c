import CMicroHTTPD
import Foundation

/// One request on one libmicrohttpd connection, valid only during the handler call.
struct Connection {
    private let raw: careportal_http_request
    let request: HTTPRequest

    init(_ raw: careportal_http_request) {
        self.raw = raw
        let method = raw.method.map { String(cString: $0) } ?? "GET"
        let url = raw.url.map { String(cString: $0) } ?? "/"
        var body: [UInt8] = []
        if let bytes = raw.body, raw.body_length > 0 {
            body = bytes.withMemoryRebound(to: UInt8.self, capacity: raw.body_length) {
                Array(UnsafeBufferPointer(start: $0, count: raw.body_length))
            }
        }
        let address = withUnsafeBytes(of: raw.client_address) { bytes in
            String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
        }
        request = HTTPRequest(
            method: method, rawPath: url,
            rawQuery: Self.values(raw.connection, kind: .GET_ARGUMENT_KIND),
            headers: Self.values(raw.connection, kind: .HEADER_KIND).map {
                (name: asciiLowercased($0.name), value: $0.value)
            },
            body: body, bodyTooLarge: raw.body_too_large != 0, clientAddress: address)
    }

    /// Collects the key/value pairs of one kind (headers, query arguments) in order.
    private static func values(_ connection: OpaquePointer?, kind: MHD_ValueKind)
        -> [(name: String, value: String)]
    {
        var pairs: [(name: String, value: String)] = []
        withUnsafeMutablePointer(to: &pairs) { pointer in
            _ = MHD_get_connection_values(connection, kind, collectValue, pointer)
        }
        return pairs
    }

    /// Creates the libmicrohttpd response, adds the headers and queues it.
    func queue(_ response: HTTPResponse) -> Bool {
        guard let made = Self.makeResponse(response) else { return false }
        defer { MHD_destroy_response(made) }
        return MHD_queue_response(raw.connection, UInt32(response.status), made) == .YES
    }

    /// Suspends the connection until the returned request is finished on another thread.
    func deferred() -> DeferredRequest {
        careportal_http_defer(raw.connection)
        return DeferredRequest(
            connection: raw.connection, exchange: raw.exchange, request: request)
    }

    /// The libmicrohttpd response with its headers; a header value with a line break is left
    /// out, so no value can add a header of its own.
    static func makeResponse(_ response: HTTPResponse) -> OpaquePointer? {
        guard let made = makeBody(response.body) else { return nil }
        for header in response.headers {
            guard !header.value.utf8.contains(where: { $0 == 0x0D || $0 == 0x0A }) else {
                continue
            }
            MHD_add_response_header(made, header.name, header.value)
        }
        return made
    }

    private static func makeBody(_ body: HTTPResponse.Body) -> OpaquePointer? {
        switch body {
        case .bytes(let bytes):
            return bytes.withUnsafeBytes { raw in
                // A copy: the bytes are Swift's and die with this closure.
                careportal_http_response_copy(raw.count, raw.baseAddress)
            }
        case .file(let descriptor, let offset, let length):
            // libmicrohttpd closes the descriptor when the response is destroyed.
            let made = MHD_create_response_from_fd_at_offset64(
                UInt64(length), descriptor, UInt64(offset))
            if made == nil { close(descriptor) }
            return made
        }
    }
}

/// A suspended request, answered once on a worker thread.
///
/// Invariant: libmicrohttpd keeps a suspended connection and its request state alive until it
/// is resumed, which `finish` does exactly once; nothing else touches the pointers.
struct DeferredRequest: @unchecked Sendable {
    let connection: OpaquePointer?
    let exchange: UnsafeMutableRawPointer?
    let request: HTTPRequest

    func finish(_ response: HTTPResponse) {
        // A response libmicrohttpd could not make drops the connection, as on an event thread.
        let made = Connection.makeResponse(response)
        careportal_http_finish(connection, exchange, UInt32(response.status), made)
    }
}

/// The iterator libmicrohttpd calls for each value; `context` points at the Swift array.
private let collectValue: MHD_KeyValueIterator = { context, kind, key, value in
    _ = kind
    guard let context, let key else { return .YES }
    let pairs = context.assumingMemoryBound(to: [(name: String, value: String)].self)
    pairs.pointee.append((String(cString: key), value.map { String(cString: $0) } ?? ""))
    return .YES
}

/// Header names are ASCII; lower-casing their bytes skips Unicode case mapping.
func asciiLowercased(_ text: String) -> String {
    guard text.utf8.contains(where: { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") })
    else { return text }
    let bytes = text.utf8.map { byte in
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
    }
    return String(decoding: bytes, as: UTF8.self)
}
