import Foundation
import HTTP

#if canImport(Glibc)
    import Glibc
#endif

/// Sends files from disk: conditional requests, byte ranges, and downloads for active types.
enum StaticFiles {
    /// The response for an opened file, which it takes over (closing it when not sent).
    static func respond(
        _ file: SiteFile, request: HTTPRequest, cache: String, download: Bool
    ) -> HTTPResponse {
        var headers: [(name: String, value: String)] = [
            ("Content-Type", file.contentType), ("ETag", file.etag),
            ("Last-Modified", HTTPDate.format(file.modified)), ("Cache-Control", cache),
            ("Accept-Ranges", "bytes"),
        ]
        if download || ContentTypes.isActive(file.name) {
            headers.append(("Content-Disposition", "attachment; filename=\"\(file.name)\""))
        }
        if notModified(file, request) {
            close(file.descriptor)
            return HTTPResponse(status: 304, headers: headers, body: .bytes([]))
        }
        guard let range = request.header("range"), ifRangeMatches(file, request) else {
            return HTTPResponse(
                status: 200, headers: headers,
                body: .file(descriptor: file.descriptor, offset: 0, length: file.size))
        }
        return ranged(file, range: range, headers: headers)
    }

    private static func notModified(_ file: SiteFile, _ request: HTTPRequest) -> Bool {
        if let tags = request.header("if-none-match") {
            return tags.split(separator: ",").contains {
                let tag = $0.trimmingCharacters(in: .whitespaces)
                return tag == file.etag || tag == "W/\(file.etag)" || tag == "*"
            }
        }
        if let since = request.header("if-modified-since"), let date = HTTPDate.parse(since) {
            return file.modified <= date
        }
        return false
    }

    private static func ifRangeMatches(_ file: SiteFile, _ request: HTTPRequest) -> Bool {
        guard let condition = request.header("if-range") else { return true }
        return condition == file.etag
    }

    /// One `bytes=` range (the common case for resuming a download); several ranges are
    /// answered with the whole file, which RFC 9110 allows.
    private static func ranged(
        _ file: SiteFile, range: String, headers: [(name: String, value: String)]
    ) -> HTTPResponse {
        guard let (start, end) = ByteRange.parse(range, size: file.size) else {
            if ByteRange.isSatisfiable(range, size: file.size) {
                return HTTPResponse(
                    status: 200, headers: headers,
                    body: .file(descriptor: file.descriptor, offset: 0, length: file.size))
            }
            close(file.descriptor)
            return HTTPResponse(
                status: 416, headers: headers + [("Content-Range", "bytes */\(file.size)")],
                body: .bytes([]))
        }
        return HTTPResponse(
            status: 206,
            headers: headers + [("Content-Range", "bytes \(start)-\(end)/\(file.size)")],
            body: .file(descriptor: file.descriptor, offset: start, length: end - start + 1))
    }
}

/// The `Range: bytes=…` header.
enum ByteRange {
    /// The first and last byte of a single satisfiable range; nil otherwise.
    static func parse(_ header: String, size: Int64) -> (Int64, Int64)? {
        guard header.hasPrefix("bytes="), size > 0 else { return nil }
        let spec = header.dropFirst(6)
        guard !spec.contains(","), let dash = spec.firstIndex(of: "-") else { return nil }
        let first = spec[..<dash].trimmingCharacters(in: .whitespaces)
        let last = spec[spec.index(after: dash)...].trimmingCharacters(in: .whitespaces)
        if first.isEmpty {
            guard let suffix = Int64(last), suffix > 0 else { return nil }
            return (max(0, size - suffix), size - 1)
        }
        guard let start = Int64(first), start < size else { return nil }
        if last.isEmpty { return (start, size - 1) }
        guard let end = Int64(last), end >= start else { return nil }
        return (start, min(end, size - 1))
    }

    /// True for a well-formed header we answer in full (several ranges).
    static func isSatisfiable(_ header: String, size: Int64) -> Bool {
        header.hasPrefix("bytes=") && header.contains(",")
    }
}

/// IMF-fixdate (`Thu, 03 Dec 2026 16:20:00 GMT`), the only date form HTTP servers send.
enum HTTPDate {
    private static let days = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]
    private static let months = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]

    static func format(_ seconds: Int) -> String {
        var time = time_t(seconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        let day = days[((seconds / 86_400) % 7 + 7) % 7]
        return "\(day), \(pad(Int(parts.tm_mday))) \(months[Int(parts.tm_mon)]) "
            + "\(Int(parts.tm_year) + 1900) \(pad(Int(parts.tm_hour))):"
            + "\(pad(Int(parts.tm_min))):\(pad(Int(parts.tm_sec))) GMT"
    }

    /// Reads IMF-fixdate; the obsolete forms RFC 9110 also allows are treated as absent.
    static func parse(_ text: String) -> Int? {
        let parts = text.split(separator: " ")
        guard parts.count == 6, parts[5] == "GMT", let day = Int(parts[1]),
            let month = months.firstIndex(of: String(parts[2])), let year = Int(parts[3])
        else { return nil }
        let clock = parts[4].split(separator: ":").compactMap { Int($0) }
        guard clock.count == 3 else { return nil }
        var fields = tm()
        fields.tm_year = Int32(year - 1900)
        fields.tm_mon = Int32(month)
        fields.tm_mday = Int32(day)
        fields.tm_hour = Int32(clock[0])
        fields.tm_min = Int32(clock[1])
        fields.tm_sec = Int32(clock[2])
        return Int(timegm(&fields))
    }

    private static func pad(_ value: Int) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }
}
