import CCurl

/// libcurl's fixed English text for a result code; it never holds data from the transfer.
enum CurlText {
    static func describe(_ code: CURLcode) -> String {
        String(cString: curl_easy_strerror(code))
    }
}
