/* The ceiling for careportal's serving benchmark: libmicrohttpd with the same settings as
 * careportal (one event thread per core on epoll), answering every request with one file
 * read into memory at start, with no routing, session or log. What careportal adds over
 * libmicrohttpd is the difference between this and careportal's pages.
 *
 *   cc -O2 bench/minimal-mhd.c -lmicrohttpd -o minimal-mhd && ./minimal-mhd PORT FILE
 */
#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static char *page;
static size_t page_size;

static enum MHD_Result answer(void *cls, struct MHD_Connection *connection, const char *url,
                              const char *method, const char *version, const char *upload,
                              size_t *upload_size, void **state) {
    (void)cls; (void)url; (void)method; (void)version; (void)upload;
    // The first call only starts the request: a response queued before the request is read
    // to its end makes libmicrohttpd close the connection instead of keeping it alive.
    static int started;
    if (*state == NULL) {
        *state = &started;
        return MHD_YES;
    }
    *upload_size = 0;
    struct MHD_Response *response =
        MHD_create_response_from_buffer(page_size, page, MHD_RESPMEM_PERSISTENT);
    MHD_add_response_header(response, "Content-Type", "text/html; charset=utf-8");
    enum MHD_Result queued = MHD_queue_response(connection, MHD_HTTP_OK, response);
    MHD_destroy_response(response);
    return queued;
}

int main(int argc, char **argv) {
    if (argc != 3) { fprintf(stderr, "usage: minimal-mhd PORT FILE\n"); return 2; }
    FILE *file = fopen(argv[2], "rb");
    if (!file) { perror(argv[2]); return 1; }
    fseek(file, 0, SEEK_END);
    page_size = (size_t)ftell(file);
    rewind(file);
    page = malloc(page_size);
    if (!page || fread(page, 1, page_size, file) != page_size) { perror("read"); return 1; }
    fclose(file);

    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    struct sockaddr_in address = {.sin_family = AF_INET, .sin_port = htons(atoi(argv[1]))};
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    struct MHD_Daemon *daemon = MHD_start_daemon(
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL, 0, NULL, NULL, answer, NULL,
        MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&address,
        MHD_OPTION_THREAD_POOL_SIZE, (unsigned int)(cores < 2 ? 2 : cores),
        MHD_OPTION_CONNECTION_LIMIT, 1000u, MHD_OPTION_END);
    if (!daemon) { fprintf(stderr, "cannot listen on port %s\n", argv[1]); return 1; }
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGTERM);
    sigaddset(&stop, SIGINT);
    sigprocmask(SIG_BLOCK, &stop, NULL);
    int signal_number;
    sigwait(&stop, &signal_number);
    MHD_stop_daemon(daemon);
    free(page);
    return 0;
}
