#pragma once
// The member cache's schemas as released, frozen as test fixtures: the files older kiosks hold.
// Never edit them to follow the current schema (app/members/member_cache.cpp kMigrations).
#include <string>

namespace kiosk::members::test {

// Schema v1 (tables and indexes only; the fixtures add their schema_migrations rows and pragmas).
inline const std::string kFrozenV1Tables = R"sql(
CREATE TABLE schema_migrations(version INTEGER PRIMARY KEY, applied_unix INTEGER NOT NULL, description TEXT NOT NULL);
CREATE TABLE meta(key TEXT PRIMARY KEY, value) WITHOUT ROWID;
CREATE TABLE imports(sequence INTEGER NOT NULL, kind TEXT NOT NULL CHECK (kind IN ('list', 'snapshot', 'delta')),
  created TEXT NOT NULL, imported_unix INTEGER NOT NULL, members INTEGER NOT NULL, documents INTEGER NOT NULL,
  fingers INTEGER NOT NULL, digest BLOB NOT NULL);
CREATE TABLE members(id INTEGER PRIMARY KEY, member_ref TEXT NOT NULL UNIQUE);
CREATE TABLE program_codes(id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE);
CREATE TABLE programs(member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
  program_id INTEGER NOT NULL REFERENCES program_codes(id), status INTEGER NOT NULL CHECK (status IN (0, 1, 2)),
  expires INTEGER NOT NULL, PRIMARY KEY (member_id, program_id)) WITHOUT ROWID;
CREATE TABLE documents(lookup_key BLOB PRIMARY KEY CHECK (length(lookup_key) = 32),
  member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE) WITHOUT ROWID;
CREATE INDEX documents_by_member ON documents(member_id);
CREATE TABLE sealed_fingers(id INTEGER PRIMARY KEY,
  lookup_key BLOB NOT NULL REFERENCES documents(lookup_key) ON DELETE CASCADE,
  position INTEGER NOT NULL CHECK (position BETWEEN 1 AND 10), quality INTEGER NOT NULL CHECK (quality BETWEEN 0 AND 100),
  nonce BLOB NOT NULL CHECK (length(nonce) = 24), ciphertext BLOB NOT NULL);
CREATE UNIQUE INDEX sealed_fingers_by_document ON sealed_fingers(lookup_key, position);
)sql";

// v2 = v1 + this.
inline const std::string kFrozenV2Addition = "ALTER TABLE members ADD COLUMN flags INTEGER NOT NULL DEFAULT 0;\n";

// v3 = v2 + this (members rebuilt without the inline UNIQUE, the uniqueness in a named index).
inline const std::string kFrozenV3Addition = R"sql(
CREATE TABLE members_v3(id INTEGER PRIMARY KEY, member_ref TEXT NOT NULL, flags INTEGER NOT NULL DEFAULT 0);
INSERT INTO members_v3(id, member_ref, flags) SELECT id, member_ref, flags FROM members ORDER BY id;
DROP TABLE members;
ALTER TABLE members_v3 RENAME TO members;
CREATE UNIQUE INDEX members_by_ref ON members(member_ref);
)sql";

// v4 = v3 + this: the v4 migration's end state (documents a rowid table holding the packed fingers,
// programs packed on the member row) without its data copies, which an empty v3 file does not need and
// which call aggregates only a migrating build registers.
inline const std::string kFrozenV4Addition = R"sql(
CREATE TABLE documents_v4(id INTEGER PRIMARY KEY, lookup_key BLOB NOT NULL CHECK (length(lookup_key) = 32),
  member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
  fingers BLOB NOT NULL CHECK (typeof(fingers) = 'blob'));
DROP TABLE sealed_fingers;
DROP TABLE documents;
ALTER TABLE documents_v4 RENAME TO documents;
CREATE UNIQUE INDEX documents_by_key ON documents(lookup_key);
CREATE INDEX documents_by_member ON documents(member_id);
ALTER TABLE members ADD COLUMN programs BLOB NOT NULL DEFAULT x'';
DROP TABLE programs;
)sql";

}  // namespace kiosk::members::test
