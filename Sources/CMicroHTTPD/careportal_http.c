#include "careportal_http.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

/// What careportal keeps per daemon: the Swift handler and the limits.
typedef struct {
    careportal_http_handler handler;
    void *context;
    size_t max_body;
} server;

/// One request's state: the body as it arrives in pieces and, for a deferred request, the
/// answer made on another thread. Freed when the request completes.
typedef struct {
    char *data;
    size_t length;
    size_t capacity;
    int too_large;
    int deferred;
    unsigned int status;
    struct MHD_Response *response;
} body;

/// Keeps escapes as they are: percent-decoding is done once, in Swift, where it is checked.
static size_t keep_escapes(void *cls, struct MHD_Connection *connection, char *s) {
    (void)cls;
    (void)connection;
    return strlen(s);
}

static void append(body *b, const char *data, size_t length, size_t max) {
    if (b->too_large || b->length + length > max) {
        b->too_large = 1;
        return;
    }
    if (b->length + length > b->capacity) {
        size_t capacity = b->capacity ? b->capacity : 4096;
        while (capacity < b->length + length) capacity *= 2;
        char *grown = realloc(b->data, capacity);
        if (!grown) {
            b->too_large = 1;
            return;
        }
        b->data = grown;
        b->capacity = capacity;
    }
    memcpy(b->data + b->length, data, length);
    b->length += length;
}

static void client_address(struct MHD_Connection *connection, char *out, size_t size) {
    out[0] = '\0';
    const union MHD_ConnectionInfo *info =
        MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    if (!info || !info->client_addr) return;
    const struct sockaddr *address = info->client_addr;
    if (address->sa_family == AF_INET) {
        inet_ntop(AF_INET, &((const struct sockaddr_in *)address)->sin_addr, out, size);
    } else if (address->sa_family == AF_INET6) {
        inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)address)->sin6_addr, out, size);
    }
}

/// libmicrohttpd calls this first with no data (to set up), then once per body piece, then a
/// last time with nothing left: only that last call reaches Swift.
static enum MHD_Result access_handler(void *cls, struct MHD_Connection *connection,
                                      const char *url, const char *method, const char *version,
                                      const char *upload_data, size_t *upload_data_size,
                                      void **state) {
    (void)version;
    server *s = cls;
    body *b = *state;
    if (b == NULL) {
        b = calloc(1, sizeof *b);
        if (!b) return MHD_NO;
        *state = b;
        return MHD_YES;
    }
    if (*upload_data_size > 0) {
        append(b, upload_data, *upload_data_size, s->max_body);
        *upload_data_size = 0;
        return MHD_YES;
    }
    // libmicrohttpd calls again once a deferred request is resumed: its answer is ready.
    if (b->deferred) {
        struct MHD_Response *response = b->response;
        b->response = NULL;
        if (!response) return MHD_NO;
        enum MHD_Result queued = MHD_queue_response(connection, b->status, response);
        MHD_destroy_response(response);
        return queued;
    }
    careportal_http_request request = {
        .connection = connection, .exchange = b, .method = method, .url = url,
        .body = b->data, .body_length = b->length, .body_too_large = b->too_large,
    };
    client_address(connection, request.client_address, sizeof request.client_address);
    return s->handler(s->context, &request) == CAREPORTAL_HTTP_DROP ? MHD_NO : MHD_YES;
}

void careportal_http_defer(struct MHD_Connection *connection) {
    MHD_suspend_connection(connection);
}

void careportal_http_finish(struct MHD_Connection *connection, void *exchange,
                            unsigned int status, struct MHD_Response *response) {
    body *b = exchange;
    b->deferred = 1;
    b->status = status;
    b->response = response;
    // Resuming is safe from any thread; the pool thread then calls access_handler again.
    MHD_resume_connection(connection);
}

static void completed(void *cls, struct MHD_Connection *connection, void **state,
                      enum MHD_RequestTerminationCode code) {
    (void)cls;
    (void)connection;
    (void)code;
    body *b = *state;
    if (b) {
        if (b->response) MHD_destroy_response(b->response);
        free(b->data);
        free(b);
        *state = NULL;
    }
}

struct MHD_Daemon *careportal_http_start(const char *host, uint16_t port,
                                         careportal_http_limits limits,
                                         careportal_http_handler handler, void *context) {
    struct sockaddr_in address;
    memset(&address, 0, sizeof address);
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    if (inet_pton(AF_INET, host, &address.sin_addr) != 1) return NULL;

    // The server record lives as long as the process: a daemon is started once.
    server *s = malloc(sizeof *s);
    if (!s) return NULL;
    s->handler = handler;
    s->context = context;
    s->max_body = limits.max_body;

    unsigned int flags =
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC | MHD_ALLOW_SUSPEND_RESUME;
    struct MHD_Daemon *daemon = MHD_start_daemon(
        flags, port, NULL, NULL, access_handler, s,
        MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&address,
        MHD_OPTION_THREAD_POOL_SIZE, limits.threads,
        MHD_OPTION_CONNECTION_LIMIT, limits.connection_limit,
        MHD_OPTION_PER_IP_CONNECTION_LIMIT, limits.per_ip_limit,
        MHD_OPTION_CONNECTION_TIMEOUT, limits.timeout_seconds,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, limits.memory_per_connection,
        MHD_OPTION_NOTIFY_COMPLETED, completed, NULL,
        MHD_OPTION_UNESCAPE_CALLBACK, keep_escapes, NULL,
        MHD_OPTION_LISTENING_ADDRESS_REUSE, 1,
        MHD_OPTION_END);
    if (!daemon) free(s);
    return daemon;
}

uint16_t careportal_http_port(struct MHD_Daemon *daemon) {
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(daemon, MHD_DAEMON_INFO_BIND_PORT);
    return info ? info->port : 0;
}

struct MHD_Response *careportal_http_response_copy(size_t size, const void *data) {
    return MHD_create_response_from_buffer(size, (void *)data, MHD_RESPMEM_MUST_COPY);
}
