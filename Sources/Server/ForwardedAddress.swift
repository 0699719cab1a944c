import HTTP

/// Which address a request came from when a reverse proxy stands in front.
enum ForwardedAddress {
    /// The peer's address, unless the peer is a trusted proxy that sent `X-Forwarded-For`:
    /// then the right-most address in it that is not itself a trusted proxy. The right end is
    /// what the proxies appended; anything further left the client may have written itself.
    static func client(of request: HTTPRequest, trusting proxies: Set<String>) -> String {
        let peer = request.clientAddress
        guard proxies.contains(peer), let header = request.header("x-forwarded-for") else {
            return peer
        }
        let hops = header.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        for hop in hops.reversed() where !proxies.contains(hop) {
            return isAddress(hop) ? hop : peer
        }
        return peer
    }

    /// An IPv4 or IPv6 address as text, nothing else: the value ends up in logs and keys.
    private static func isAddress(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.count <= 45
            && text.utf8.allSatisfy { byte in
                (48...57).contains(byte) || (97...102).contains(byte) || (65...70).contains(byte)
                    || byte == 46 || byte == 58
            }
    }
}
