// Store stage: documents -> the SQLite database, one transaction each.
//
// In:  a DocumentRecord (the normalised pages, what the document says about
//      itself, and the items extracted from it).
// Out: its rows. The database is opened in WAL mode with foreign keys on and
//      the schema of store/schema.sql created if missing. Guarantees:
//      - all of a document or none of it: one transaction per document, so a
//        crash or kill -9 leaves every document fully in or absent;
//      - the same bytes at the same path again is a no-op (kUnchanged);
//      - changed bytes at a known path are a new version (version + 1): the
//        versions before it keep their rows, marked superseded_at; the views
//        and reading commands show the latest unless asked for all.
// Fails: Open with Database naming the file and SQLite's reason (also for a
//        file that is not a database, or a schema newer than this program);
//        Write with Database, after rolling the transaction back.
// Thread safety: one Database per thread; budgetdb writes from one thread.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "common/status.h"
#include "normalise/normaliser.h"
#include "extract/directives.h"
#include "extract/tables.h"
#include "segment/document_info.h"
#include "store/originals.h"

namespace budgetdb {

class WalCheckpointer;

struct DocumentRecord {
  std::string path;  // absolute: the document's identity across runs
  std::string sha256;
  int64_t size_bytes = 0;
  DocumentInfo info;
  NormalisedDocument text;
  std::vector<Directive> directives;
  TableExtraction tables;  // goals, activities, indicators
  // The warnings of its reading and extraction ("line 60: body ... is not in
  // bodies.registry", "damaged but read: ..."), stored in `problems`.
  std::vector<std::string> problems;
  // The file's bytes to keep in `sqlar` (store/originals.h); none with --no-originals.
  std::optional<StoredOriginal> original;
  std::string grammar_set;  // what produced the rows: budgetdb's version and the grammars' hash
  // A PDF's lines: where each stands on its page (`line_boxes`), so that a
  // reader can see an item where it came from. Empty for text.
  struct PlacedLine {
    int page = 0, line = 0;
    LineBox box;
  };
  std::vector<PlacedLine> line_boxes;
};

// A new version: changed bytes at a known path, stored beside the versions
// before it. Rewritten: a document's rows made anew (reextract).
enum class WriteOutcome { kIngested, kUnchanged, kNewVersion, kRewritten };
const char* WriteOutcomeName(WriteOutcome outcome);  // "ingested", "unchanged", "updated", "rewritten"

struct WriteSummary {
  WriteOutcome outcome = WriteOutcome::kIngested;
  int64_t document_id = 0;
  int pages = 0;
  int furniture_lines = 0;
  int directives = 0;
  int goals = 0, activities = 0, indicators = 0;
};

class Database {
 public:
  static Result<std::unique_ptr<Database>> Open(const std::filesystem::path& file);
  // For the reading commands: read-only, no schema set-up, never waiting for a
  // writer (WAL readers see the last commit). Works on a file the user may not
  // write and on a read-only mount. Fails when the file is no budgetdb
  // database or one of an older schema (an ingest upgrades it).
  static Result<std::unique_ptr<Database>> OpenForReading(const std::filesystem::path& file);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // What is stored of each document, by path: to skip unchanged files before
  // parsing them, and to keep the originals a database of schema 3 lacks.
  struct Known {
    std::string sha256;
    bool has_original = false;
  };
  Result<std::map<std::string, Known>> KnownDocuments();
  // `original`, the bytes of the stored document at `path`, kept now (an
  // unchanged file whose original an older budgetdb did not keep).
  Status KeepOriginalOf(const std::string& path, const StoredOriginal& original);
  Result<WriteSummary> Write(const DocumentRecord& record) { return Write(record, ItemsReady()); }
  // `items_ready`, when set, waits until the record's items (directives,
  // tables, problems) are in it, and says whether their extraction failed:
  // the record's text is written first, while another thread extracts them
  // (the transaction is still one: a failure rolls all of it back). It is
  // called once, unless the write fails or finds the document unchanged
  // before; the caller waits for the items itself before letting go of
  // `record`.
  using ItemsReady = std::function<Status()>;
  Result<WriteSummary> Write(const DocumentRecord& record, const ItemsReady& items_ready);
  // The rows of document `document_id` made anew from `record` (read again
  // with other grammars), in one transaction: its id, path, ingestion time and
  // original stay; nothing goes to document_history (the file is the same).
  Result<WriteSummary> Rewrite(const DocumentRecord& record, int64_t document_id);
  // `record` written as a document of its own, `inspect` called with its id
  // (on this connection, inside the transaction), then everything rolled
  // back: what a write would store, seen without storing it.
  Status Trial(const DocumentRecord& record, const std::function<Status(int64_t)>& inspect);

  // The run's record (ingest_runs): begun, each failure, finished with its counts.
  Result<int64_t> BeginRun(const std::string& options_json);
  Status RecordFailure(int64_t run_id, const std::string& path, const std::string& sha256, const Status& failure);
  Status FinishRun(int64_t run_id, int documents, int ingested, int unchanged, int replaced, int failed);
  // The paths that failed in the last finished run (before `before_run`).
  Result<std::vector<std::string>> LastRunFailures(int64_t before_run);

  sqlite3* handle() { return db_; }

 private:
  class Statement;
  // A statement used once: prepared, bound by `bind`, run.
  Status RunOnce(const char* sql, const std::function<void(Statement&)>& bind);
  explicit Database(sqlite3* db);
  Status Prepare();
  Result<WriteSummary> InOneTransaction(const std::function<Result<WriteSummary>()>& write, bool keep);
  Result<WriteSummary> WriteInTransaction(const DocumentRecord& record, const ItemsReady& items_ready);
  // Where and as what a document's row is inserted: a new id (nullopt) or
  // the one it had, ingested now (nullopt) or when it first was.
  struct StoredAs {
    std::string path;
    std::optional<int64_t> id;
    std::optional<std::string> ingested_at;
    std::optional<std::string> original;  // sqlar.name
    int64_t version = 1;
    std::optional<std::string> superseded_at;
  };
  Result<WriteSummary> InsertDocument(const DocumentRecord& record, const StoredAs& as, WriteSummary summary,
                                      const ItemsReady& items_ready = {});
  // The name of the sqlar entry that holds these bytes, stored now if none does.
  Result<std::string> KeepOriginal(const StoredOriginal& original, const std::string& sha256);
  // The id of the body with this name, inserted with `kind` if new.
  Result<int64_t> BodyId(const Body& body);
  Status BindBody(Statement& statement, int index, const std::optional<Body>& body);
  Status WriteTables(int64_t document_id, const TableExtraction& tables, WriteSummary& summary);

  sqlite3* db_;
  std::unique_ptr<WalCheckpointer> checkpointer_;  // none: SQLite checkpoints on the writer's commits
  std::map<std::string, int64_t> body_ids_;  // within the current Write
  std::unique_ptr<Statement> find_document_, supersede_document_, find_document_by_id_, find_original_, insert_original_, delete_document_, insert_document_,
      insert_page_, insert_line_box_, insert_furniture_, insert_problem_, insert_body_, find_body_, insert_directive_,
      insert_goal_, insert_activity_, insert_activity_body_, insert_indicator_, insert_target_,
      index_activities_, index_indicators_, index_directives_, index_pages_;
};

}  // namespace budgetdb
