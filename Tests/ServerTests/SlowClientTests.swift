import Foundation
import HTTP
import Testing

/// Slow and greedy clients (slowloris, a stalled upload, many connections from one address)
/// cannot take the server from everyone else.
@Suite struct SlowClientTests {
    private func limits(timeout: Int = 2, perAddress: Int = 64, total: Int = 1000) -> HTTPLimits {
        var limits = HTTPLimits()
        limits.timeoutSeconds = timeout
        limits.perAddressLimit = perAddress
        limits.connectionLimit = total
        return limits
    }

    /// Holds `count` connections, each a request begun and never finished.
    private func hold(_ count: Int, on port: UInt16) throws -> [RawSocket] {
        try (0..<count).map { _ in
            let socket = try RawSocket(port: port)
            try socket.send("GET /login HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            return socket
        }
    }

    @Test func theDefaultsAreTheDocumentedOnes() {
        let limits = HTTPLimits()
        #expect(limits.connectionLimit == 1000 && limits.perAddressLimit == 64)
        #expect(limits.timeoutSeconds == 30 && limits.memoryPerConnection == 32 * 1024)
        #expect(limits.maximumBody == 64 * 1024)
    }

    /// The same limit as the 1,000 of a real server, made small enough to reach in a test.
    /// A connection past it is not taken: it waits in the kernel's queue, unanswered, until
    /// one of the others goes.
    @Test func theServerTakesNoMoreThanItsConnectionLimit() throws {
        let server = try ServerFixture(limits: limits(timeout: 30, total: 8))
        let held = try hold(8, on: server.http.port)
        let extra = try RawSocket(port: server.http.port)
        try extra.send("GET /login HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        #expect(extra.answer(within: 1).isEmpty, "the ninth connection is not taken")
        withExtendedLifetime(held) {}
        for socket in held { socket.close() }
        #expect(extra.answer(within: 5).hasPrefix("HTTP/1.1 200"), "taken once the others go")
    }

    @Test func halfSentRequestsAreCutOffAndOthersAreServedMeanwhile() throws {
        let server = try ServerFixture(limits: limits())
        let port = server.http.port
        let stalled = try (0..<20).map { _ in
            let socket = try RawSocket(port: port)
            try socket.send("GET /login HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
            return socket
        }
        let upload = try RawSocket(port: port)
        try upload.send(
            "POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100000\r\n\r\nusername="
        )

        #expect(try server.client().get("/login").status == 200, "served while they stall")
        Thread.sleep(forTimeInterval: 3.5)
        for socket in stalled + [upload] {
            #expect(socket.isClosedByPeer(), "the server hung up after its timeout")
        }
        #expect(try server.client().get("/login").status == 200)
    }

    @Test func oneAddressCannotTakeEveryConnection() throws {
        let server = try ServerFixture(limits: limits(timeout: 30, perAddress: 8))
        let port = server.http.port
        let held = try hold(8, on: port)
        let extra = try RawSocket(port: port)
        try? extra.send("GET /login HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        #expect(extra.isClosedByPeer(), "the ninth connection from one address is refused")
        withExtendedLifetime(held) {}
        for socket in held { socket.close() }
        Thread.sleep(forTimeInterval: 0.2)
        #expect(try server.client().get("/login").status == 200)
    }
}

/// A TCP connection to 127.0.0.1 driven byte by byte, as a slow or hostile client would.
final class RawSocket {
    private var descriptor: Int32

    init(port: UInt16) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw TestError("no socket") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { throw TestError("cannot connect to \(port)") }
    }

    deinit { close() }

    func send(_ text: String) throws {
        let bytes = Array(text.utf8)
        let sent = bytes.withUnsafeBytes {
            Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
        }
        guard sent == bytes.count else { throw TestError("send failed") }
    }

    /// True when the server closed the connection (or reset it) within a second, reading and
    /// dropping whatever it answered first.
    func isClosedByPeer() -> Bool {
        var timeout = timeval(tv_sec: 1, tv_usec: 0)
        setsockopt(
            descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var buffer = [UInt8](repeating: 0, count: 4096)
        for _ in 0..<64 {
            let count = recv(descriptor, &buffer, buffer.count, 0)
            if count == 0 { return true }
            if count < 0 { return errno == ECONNRESET }
        }
        return false
    }

    /// What the server sent within `seconds`, up to the first 4 KiB; empty if nothing came.
    func answer(within seconds: Int) -> String {
        var timeout = timeval(tv_sec: seconds, tv_usec: 0)
        setsockopt(
            descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = recv(descriptor, &buffer, buffer.count, 0)
        return count > 0 ? String(decoding: buffer.prefix(count), as: UTF8.self) : ""
    }

    func close() {
        if descriptor >= 0 { Glibc.close(descriptor) }
        descriptor = -1
    }
}
