#ifndef CAREPORTAL_CCURL_H
#define CAREPORTAL_CCURL_H

#include <curl/curl.h>

/// curl_easy_setopt and curl_easy_getinfo are variadic, which Swift cannot call. Each helper
/// below passes one typed argument through unchanged and returns libcurl's result code.

CURLcode careportal_curl_set_string(CURL *curl, CURLoption option, const char *value);

CURLcode careportal_curl_set_long(CURL *curl, CURLoption option, long value);

CURLcode careportal_curl_set_slist(CURL *curl, CURLoption option, struct curl_slist *list);

/// Sets CURLOPT_READFUNCTION and CURLOPT_READDATA together.
CURLcode careportal_curl_set_read_callback(
    CURL *curl, size_t (*callback)(char *, size_t, size_t, void *), void *context);

/// CURLINFO_RESPONSE_CODE: the last SMTP reply code, or 0 when none was received.
long careportal_curl_response_code(CURL *curl);

#endif
