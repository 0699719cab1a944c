#ifndef CAREPORTAL_CSYSTEM_H
#define CAREPORTAL_CSYSTEM_H

/// Linux calls that glibc declares only under _GNU_SOURCE, which Swift's Glibc module does not
/// set. Each is a plain pass-through.
int careportal_syncfs(int fd);

/// Caps glibc's malloc arenas (mallopt M_ARENA_MAX). glibc gives each thread that contends
/// for the heap its own arena, up to eight per core, and a long-running server's memory then
/// grows with fragmentation spread over them. Returns 1 on success.
int careportal_limit_malloc_arenas(int count);

/// Fixes the size from which glibc's malloc maps memory of its own (mallopt
/// M_MMAP_THRESHOLD) and so switches off glibc's habit of raising that size to the largest block
/// freed. Without it, the 19 MiB of each argon2id hash came from the heap after the first
/// login and stayed in the arena; with it, such a block goes back to the kernel when freed.
/// Returns 1 on success.
int careportal_fix_mmap_threshold(int bytes);

/// Hands memory that malloc holds free back to the kernel (malloc_trim(0)), from every arena,
/// so the resident size follows what is in use rather than the highest point ever reached.
int careportal_trim_memory(void);

/// Lowers the calling thread, and only it (Linux keeps a priority per thread, set through its
/// thread id), by `niceness`. Returns 1 on success.
int careportal_lower_thread_priority(int niceness);

#endif
