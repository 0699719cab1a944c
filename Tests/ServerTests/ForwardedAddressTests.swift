import Foundation
import Testing

/// Behind a reverse proxy the client's address comes from `X-Forwarded-For`, but only when the
/// proxy is trusted; from anyone else the header is ignored.
@Suite struct ForwardedAddressTests {
    /// The address the audit log records for a failed login sent with `forwarded`.
    private func recorded(_ server: ServerFixture, forwarded: String) throws -> String? {
        try server.failLogin(server.client(), headers: ["X-Forwarded-For": forwarded])
        let events = try server.store().auditEvents(client: nil, username: nil, limit: 1)
        return events.first?.address
    }

    @Test func anUntrustedPeerCannotChooseItsAddress() throws {
        let server = try ServerFixture()
        #expect(try recorded(server, forwarded: "203.0.113.9") == "127.0.0.1")
    }

    @Test func aTrustedProxyPassesTheClientsAddress() throws {
        let server = try ServerFixture(trustedProxies: ["127.0.0.1"])
        #expect(try recorded(server, forwarded: "203.0.113.9") == "203.0.113.9")
        #expect(
            try recorded(server, forwarded: "198.51.100.1, 203.0.113.9") == "203.0.113.9",
            "the right-most hop is the proxy's own; the rest the client may have written")
        #expect(try recorded(server, forwarded: "2001:db8::7") == "2001:db8::7")
        #expect(try recorded(server, forwarded: "<script>") == "127.0.0.1", "not an address")
    }
}
