import CCurl

/// Whether libcurl's global state is set up.
///
/// libcurl requires curl_global_init to run once before any other call and not concurrently
/// with other libcurl calls; a global `let` is initialised exactly once, under a lock, on
/// first use, which gives both.
let curlIsReady: Bool = curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK
