#define _GNU_SOURCE
#include <malloc.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "csystem.h"

int careportal_syncfs(int fd) {
    return syncfs(fd);
}

int careportal_limit_malloc_arenas(int count) {
    return mallopt(M_ARENA_MAX, count);
}

int careportal_fix_mmap_threshold(int bytes) {
    return mallopt(M_MMAP_THRESHOLD, bytes);
}

int careportal_trim_memory(void) {
    return malloc_trim(0);
}

int careportal_lower_thread_priority(int niceness) {
    return setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), niceness) == 0;
}
