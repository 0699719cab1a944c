import CCurl

/// A curl_slist, freed when the wrapper goes away.
///
/// libcurl does not copy lists given to curl_easy_setopt (CURLOPT_MAIL_RCPT), so the handle
/// that uses one keeps this object alive until the handle itself is cleaned up.
final class CurlStringList {
    private(set) var head: UnsafeMutablePointer<curl_slist>?

    init(_ items: [String]) throws(SMTPError) {
        for item in items {
            // curl_slist_append copies the string; on failure it leaves the old list intact.
            guard let longer = item.withCString({ curl_slist_append(head, $0) }) else {
                throw SMTPError(
                    message: "Out of memory while preparing the recipients.",
                    isPermanent: false)
            }
            head = longer
        }
    }

    deinit {
        curl_slist_free_all(head)
    }
}
