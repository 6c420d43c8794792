// The store's schema as SQL: the first version's DDL and the migrations after it.
//
// Private to dyad_store; docs/store.md describes the tables. A fresh store runs the v1 DDL and
// then every migration, so the path an old store takes is the path every new store takes.
// PRAGMA user_version holds the version; a migration and its version bump commit together.
#pragma once

#include <sqlite3.h>

#include "dyad/core/status.h"

namespace dyad::store_internal {

// Version 1, as first released. Never edit: add a migration instead.
extern const char kSchemaV1[];
// kMigrations[i] takes a store from version i + 1 to i + 2.
extern const char* const kMigrations[];
extern const int kMigrationCount;

// Creates the v1 tables in an empty database and sets user_version = 1 (for tests too).
Status CreateV1(sqlite3* db);
// Runs the migrations from the stored user_version up to kStoreSchemaVersion, each in its own
// transaction. An empty database (version 0, no tables) is created first.
Status Migrate(sqlite3* db, const char* path);
// PRAGMA user_version.
StatusOr<int> SchemaVersion(sqlite3* db);

}  // namespace dyad::store_internal
