#ifndef CAREPORTAL_CSYSTEM_H
#define CAREPORTAL_CSYSTEM_H

/// Linux calls that glibc declares only under _GNU_SOURCE, which Swift's Glibc module does not
/// set. Each is a plain pass-through.
int careportal_syncfs(int fd);

/// Caps glibc's malloc arenas (mallopt M_ARENA_MAX). glibc gives each thread that contends
/// for the heap its own arena, up to eight per core, and a long-running server's memory then
/// grows with fragmentation spread over them. Returns 1 on success.
int careportal_limit_malloc_arenas(int count);

/// Hands memory that malloc holds free back to the kernel (malloc_trim(0)), from every arena,
/// so the resident size follows what is in use rather than the highest point ever reached.
int careportal_trim_memory(void);

/// Lowers the calling thread, and only it (Linux keeps a priority per thread, set through its
/// thread id), by `niceness`. Returns 1 on success.
int careportal_lower_thread_priority(int niceness);

#endif
