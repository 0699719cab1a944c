import CCurl

/// One libcurl easy handle, cleaned up when the wrapper goes away.
///
/// Not Sendable: libcurl allows a handle to be used by one thread at a time, and every send
/// makes its own handle.
final class CurlEasy {
    private let handle: UnsafeMutableRawPointer

    /// Objects libcurl points into (recipient list, upload source); released after cleanup.
    private var retained: [AnyObject] = []

    init() throws(SMTPError) {
        guard curlIsReady, let handle = curl_easy_init() else {
            throw SMTPError(
                message: "libcurl could not be initialised; check the installation.",
                isPermanent: false)
        }
        self.handle = handle
    }

    deinit {
        // Runs before `retained` is released, so libcurl never sees a freed list or source.
        curl_easy_cleanup(handle)
    }

    /// Sets a string option; libcurl copies strings (since 7.17.0), so the C string may die.
    func set(_ option: CURLoption, _ value: String) throws(SMTPError) {
        try check(value.withCString { careportal_curl_set_string(handle, option, $0) })
    }

    func set(_ option: CURLoption, _ value: Int) throws(SMTPError) {
        try check(careportal_curl_set_long(handle, option, value))
    }

    func set(_ option: CURLoption, _ list: CurlStringList) throws(SMTPError) {
        retained.append(list)
        try check(careportal_curl_set_slist(handle, option, list.head))
    }

    /// Makes `source` the body of the upload.
    func upload(_ source: UploadSource) throws(SMTPError) {
        retained.append(source)
        let context = Unmanaged.passUnretained(source).toOpaque()
        try check(careportal_curl_set_read_callback(handle, uploadReadCallback, context))
        try set(CURLOPT_UPLOAD, 1)
    }

    /// Runs the transfer on this thread; the result says how it ended.
    func perform() -> CURLcode {
        curl_easy_perform(handle)
    }

    /// The last reply code the server sent, or 0 when it sent none.
    var responseCode: Int {
        careportal_curl_response_code(handle)
    }

    private func check(_ code: CURLcode) throws(SMTPError) {
        guard code != CURLE_OK else { return }

        throw SMTPError(
            message: "libcurl refused a setting: \(CurlText.describe(code)). "
                + "Check that libcurl supports SMTP and TLS.",
            isPermanent: false)
    }
}
