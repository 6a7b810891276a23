// The system SQLite (libsqlite3-dev), for the simulator's state file.
#ifndef ACSH_CSQLITE_SHIM_H
#define ACSH_CSQLITE_SHIM_H

#include <sqlite3.h>

// SQLITE_TRANSIENT is a cast macro Swift cannot import: SQLite copies the bound text at once.
static inline sqlite3_destructor_type acsh_sqlite_transient(void) { return SQLITE_TRANSIENT; }

#endif
