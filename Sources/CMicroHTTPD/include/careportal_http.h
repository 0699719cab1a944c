#ifndef CAREPORTAL_HTTP_H
#define CAREPORTAL_HTTP_H

#include <stddef.h>
#include <stdint.h>
#include <microhttpd.h>

/// The limits careportal sets instead of libmicrohttpd's defaults.
typedef struct {
    unsigned int threads;             // worker threads in the pool
    unsigned int connection_limit;    // connections at once, in total
    unsigned int per_ip_limit;        // connections at once from one address
    unsigned int timeout_seconds;     // idle connections are closed after this
    size_t memory_per_connection;     // bounds the request line and headers
    size_t max_body;                  // larger bodies are cut off and flagged
} careportal_http_limits;

/// One complete request. Every pointer is valid only during the handler call, but for
/// `connection` and `exchange` of a deferred request: those stay valid until
/// `careportal_http_finish` is called for it.
typedef struct {
    struct MHD_Connection *connection;
    void *exchange;                   // the request's state, for careportal_http_finish
    const char *method;
    const char *url;                  // raw: careportal decodes percent-escapes itself
    const char *body;
    size_t body_length;
    int body_too_large;
    char client_address[64];          // numeric IPv4 or IPv6 address
} careportal_http_request;

/// What the handler did with a request.
enum {
    CAREPORTAL_HTTP_DROP = 0,         // close the connection without an answer
    CAREPORTAL_HTTP_QUEUED = 1,       // a response was queued on the connection
    CAREPORTAL_HTTP_DEFERRED = 2,     // careportal_http_defer was called; finish comes later
};

/// Called once per complete request on a pool thread; answers with one of the values above.
typedef int (*careportal_http_handler)(void *context, const careportal_http_request *request);

/// Starts a daemon on host:port (port 0 picks a free one); NULL when it cannot listen.
struct MHD_Daemon *careportal_http_start(const char *host, uint16_t port,
                                         careportal_http_limits limits,
                                         careportal_http_handler handler, void *context);

/// The port the daemon listens on.
uint16_t careportal_http_port(struct MHD_Daemon *daemon);

/// Takes the connection out of the event loop while its answer is made on another thread, so
/// the pool thread serves other connections meanwhile. Call only from the handler, which then
/// returns CAREPORTAL_HTTP_DEFERRED.
void careportal_http_defer(struct MHD_Connection *connection);

/// Hands a deferred request its response (NULL drops the connection) and puts the connection
/// back into the event loop, where the response is queued. Call exactly once per deferred
/// request, from any thread; the response is owned by the request from then on.
void careportal_http_finish(struct MHD_Connection *connection, void *exchange,
                            unsigned int status, struct MHD_Response *response);

/// A response holding its own copy of `data`.
struct MHD_Response *careportal_http_response_copy(size_t size, const void *data);

#endif
