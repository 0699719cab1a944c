import CCurl

extension SMTPClient {
    /// libcurl's version, such as `7.88.1`, for `careportal doctor`: the first word of its
    /// version line (`libcurl/7.88.1 OpenSSL/3.0.x …`).
    public static var libraryVersion: String {
        let line = String(cString: curl_version())
        let first = line.split(separator: " ").first.map(String.init) ?? line
        return first.hasPrefix("libcurl/") ? String(first.dropFirst(8)) : first
    }
}
