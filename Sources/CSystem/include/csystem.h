#ifndef CAREPORTAL_CSYSTEM_H
#define CAREPORTAL_CSYSTEM_H

/// Linux calls that glibc declares only under _GNU_SOURCE, which Swift's Glibc module does not
/// set. Each is a plain pass-through.
int careportal_syncfs(int fd);

#endif
