// The system SQLite (Debian libsqlite3-dev), for `export sqlite`.
#include <sqlite3.h>
