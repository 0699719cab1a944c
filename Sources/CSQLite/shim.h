#ifndef CAREPORTAL_CSQLITE_SHIM_H
#define CAREPORTAL_CSQLITE_SHIM_H

#include <sqlite3.h>

/* SQLITE_TRANSIENT is a cast macro Swift cannot import. This returns the same
   sentinel, which tells SQLite to copy bound text/blob bytes before the call returns. */
static inline sqlite3_destructor_type csqlite_transient(void) {
    return (sqlite3_destructor_type)-1;
}

#endif
