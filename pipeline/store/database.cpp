#include "store/database.h"

#include <fmt/format.h>

#include <charconv>
#include <functional>
#include <mutex>

#include "store/originals.h"
#include "store/schema.h"
#include "store/wal_checkpointer.h"

namespace budgetdb {

const char* WriteOutcomeName(WriteOutcome outcome) {
  switch (outcome) {
    case WriteOutcome::kIngested: return "ingested";
    case WriteOutcome::kUnchanged: return "unchanged";
    case WriteOutcome::kNewVersion: return "updated";
    case WriteOutcome::kRewritten: return "rewritten";
  }
  return "written";
}

// A prepared statement, prepared once and reset after each use.
class Database::Statement {
 public:
  Statement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  ~Statement() { sqlite3_finalize(stmt_); }

  Statement& Bind(int index, int64_t value) { sqlite3_bind_int64(stmt_, index, value); return *this; }
  Statement& Bind(int index, const std::string& value) {
    sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Statement& Bind(int index, double value) { sqlite3_bind_double(stmt_, index, value); return *this; }
  Statement& BindBlob(int index, const std::string& bytes) {
    sqlite3_bind_blob64(stmt_, index, bytes.data(), bytes.size(), SQLITE_TRANSIENT);
    return *this;
  }
  Statement& BindNull(int index) { sqlite3_bind_null(stmt_, index); return *this; }
  Statement& Bind(int index, const std::optional<int>& value) {
    return value ? Bind(index, static_cast<int64_t>(*value)) : BindNull(index);
  }
  Statement& Bind(int index, const std::optional<double>& value) { return value ? Bind(index, *value) : BindNull(index); }
  Statement& Bind(int index, const std::optional<int64_t>& value) {
    return value ? Bind(index, *value) : BindNull(index);
  }
  Statement& Bind(int index, const std::optional<std::string>& value) {
    return value ? Bind(index, *value) : BindNull(index);
  }
  // Provenance: page 0 means a document without page breaks, stored as NULL.
  Statement& BindPage(int index, int page) { return page > 0 ? Bind(index, static_cast<int64_t>(page)) : BindNull(index); }

  // SQLITE_ROW or SQLITE_DONE; anything else becomes a Status in Run/Step callers.
  int Step() { return sqlite3_step(stmt_); }
  Status Run() {
    const int rc = Step();
    Reset();
    if (rc == SQLITE_DONE || rc == SQLITE_ROW) return Status();
    return Status::Database(sqlite3_errmsg(db_));
  }
  void Reset() { sqlite3_reset(stmt_); sqlite3_clear_bindings(stmt_); }
  std::optional<std::string> OptionalText(int column) {
    if (sqlite3_column_type(stmt_, column) == SQLITE_NULL) return std::nullopt;
    return Text(column);
  }
  int64_t Int(int column) { return sqlite3_column_int64(stmt_, column); }
  std::string Text(int column) {
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
    return text == nullptr ? "" : text;
  }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_;
};

namespace {

Status Exec(sqlite3* db, const char* sql) {
  char* error = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &error) == SQLITE_OK) return Status();
  Status status = Status::Database(error != nullptr ? error : sqlite3_errmsg(db));
  sqlite3_free(error);
  return status;
}

// Schema 1 kept pages WITHOUT ROWID, which full-text search cannot index: copy
// them into the rowid table of schema 2 (created by schema.sql right after).
Status MigrateFromSchema1(sqlite3* db) {
  return Exec(db,
              "ALTER TABLE pages RENAME TO pages_schema1;"
              "CREATE TABLE pages (id INTEGER PRIMARY KEY,"
              " document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,"
              " page INTEGER NOT NULL, text TEXT NOT NULL, first_line INTEGER NOT NULL, UNIQUE (document_id, page));"
              "INSERT INTO pages(document_id, page, text, first_line)"
              " SELECT document_id, page, text, first_line FROM pages_schema1 ORDER BY document_id, page;"
              "DROP TABLE pages_schema1;");
}

// How many columns of `table` are named `column` (any name when null): 0 for
// a table the database lacks.
int ColumnsOf(sqlite3* db, const char* table, const char* column = nullptr) {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT count(*) FROM pragma_table_info(?1) WHERE ?2 IS NULL OR name = ?2", -1, &stmt,
                         nullptr) != SQLITE_OK)
    return 0;
  sqlite3_bind_text(stmt, 1, table, -1, SQLITE_STATIC);
  if (column) sqlite3_bind_text(stmt, 2, column, -1, SQLITE_STATIC);
  const int count = sqlite3_step(stmt) == SQLITE_ROW ? sqlite3_column_int(stmt, 0) : 0;
  sqlite3_finalize(stmt);
  return count;
}

// Schema 3 adds what a target's value is (comparator), its reference year,
// and an activity's first printing; schema 4 a document's original and
// grammar set. Views over those tables are created anew by the schema after;
// a table an older database lacks is created whole.
Status AddColumnsOfSchema3And4(sqlite3* db) {
  if (Status s = Exec(db, "DROP VIEW IF EXISTS indicator_targets_view; DROP VIEW IF EXISTS activities_view;");
      !s.ok())
    return s;
  struct Column {
    const char *table, *name, *sql;
  };
  const Column columns[] = {
      {"indicator_targets", "comparator",
       "ALTER TABLE indicator_targets ADD COLUMN comparator TEXT CHECK (comparator IN ('±', '≤', '≥', 'ca'))"},
      {"indicator_targets", "reference_year", "ALTER TABLE indicator_targets ADD COLUMN reference_year INTEGER"},
      {"activities", "first_printing_id",
       "ALTER TABLE activities ADD COLUMN first_printing_id INTEGER REFERENCES activities(id) ON DELETE SET NULL"},
      {"documents", "original", "ALTER TABLE documents ADD COLUMN original TEXT"},
      {"documents", "grammar_set", "ALTER TABLE documents ADD COLUMN grammar_set TEXT"},
  };
  for (const Column& column : columns) {
    if (ColumnsOf(db, column.table) == 0 || ColumnsOf(db, column.table, column.name) > 0) continue;
    if (Status s = Exec(db, column.sql); !s.ok()) return s;
  }
  return Status();
}

// Schema 5 keeps every version of a path: documents loses UNIQUE (path),
// which SQLite cannot drop but by making the table anew. The old table is set
// aside under another name (its children's references left alone: foreign keys
// are off and the legacy rename does not touch them), schema.sql makes the new
// one, and FinishDocumentsOfSchema5 copies the rows over. The views name
// documents and are made anew by search_schema.sql.
Status SetAsideDocumentsOfSchema4(sqlite3* db) {
  return Exec(db,
              "DROP VIEW IF EXISTS activities_once_view; DROP VIEW IF EXISTS activities_view;"
              "DROP VIEW IF EXISTS activity_bodies_view; DROP VIEW IF EXISTS indicator_targets_view;"
              "DROP VIEW IF EXISTS directives_view;"
              "PRAGMA legacy_alter_table = ON; ALTER TABLE documents RENAME TO documents_schema4;"
              "PRAGMA legacy_alter_table = OFF;");
}

Status FinishDocumentsOfSchema5(sqlite3* db) {
  return Exec(db,
              "INSERT INTO documents(id, path, sha256, title, year, format, page_count, ingested_at, size_bytes, "
              "encoding, original, grammar_set) SELECT id, path, sha256, title, year, format, page_count, "
              "ingested_at, size_bytes, encoding, original, grammar_set FROM documents_schema4;"
              "DROP TABLE documents_schema4;");
}

// Before SQLite's first use, once (the Database's opens call it): no count
// of the memory it uses, which takes a process-wide lock around every
// allocation it makes.
void ConfigureSqlite() {
  static std::once_flag configured;
  std::call_once(configured, [] { (void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
}

}  // namespace

Database::Database(sqlite3* db) : db_(db) {}

Database::~Database() {
  // The other connection first: the writer's close, the last one, then
  // checkpoints what is left and removes the WAL.
  checkpointer_.reset();
  // Statements must be finalised before the connection closes.
  find_document_.reset();
  supersede_document_.reset();
  find_document_by_id_.reset();
  find_original_.reset();
  insert_original_.reset();
  delete_document_.reset();
  insert_document_.reset();
  insert_page_.reset();
  insert_line_box_.reset();
  insert_furniture_.reset();
  insert_problem_.reset();
  insert_body_.reset();
  find_body_.reset();
  insert_directive_.reset();
  insert_goal_.reset();
  insert_activity_.reset();
  insert_activity_body_.reset();
  insert_indicator_.reset();
  insert_target_.reset();
  index_activities_.reset();
  index_indicators_.reset();
  index_directives_.reset();
  index_pages_.reset();
  sqlite3_close_v2(db_);
}

Result<std::unique_ptr<Database>> Database::Open(const std::filesystem::path& file) {
  std::error_code error;
  if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path(), error);
  ConfigureSqlite();
  sqlite3* handle = nullptr;
  // One thread at a time uses the connection (see the header): SQLite's own
  // lock around every call is not needed.
  const int rc = sqlite3_open_v2(file.c_str(), &handle,
                                 SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  std::unique_ptr<Database> db(new Database(handle));
  auto fail = [&file](const std::string& why) {
    return Status::Database(fmt::format("{}: {}", file.string(), why));
  };
  if (rc != SQLITE_OK) return fail(handle ? sqlite3_errmsg(handle) : "cannot open");
  sqlite3_busy_timeout(handle, 10000);

  // Pages of 16 KiB, for a new database (an existing one keeps its own): a
  // document writes megabytes, and a quarter of the pages is a quarter of the
  // system calls that write them, twice (to the WAL, then the database).
  // WAL: readers never see a half-written document and never block the writer.
  // synchronous=NORMAL in WAL mode keeps every committed transaction through a
  // process crash; only a power cut may lose the last ones, never consistency.
  // temp_store=MEMORY: a statement's journal stays in memory, not in a file.
  if (Status s = Exec(handle,
                      "PRAGMA page_size=16384; PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                      "PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY;");
      !s.ok())
    return fail(s.message());

  sqlite3_stmt* version_stmt = nullptr;
  sqlite3_prepare_v2(handle, "PRAGMA user_version", -1, &version_stmt, nullptr);
  const int version = sqlite3_step(version_stmt) == SQLITE_ROW ? sqlite3_column_int(version_stmt, 0) : 0;
  sqlite3_finalize(version_stmt);
  if (version > kSchemaVersion) {
    return fail(fmt::format("schema version {} is newer than this budgetdb's ({})", version, kSchemaVersion));
  }
  // Making documents anew (schema 5) must not cascade: foreign keys off for
  // the migration (a pragma that only works outside a transaction).
  const bool remake_documents = version >= 1 && version < 5;
  if (remake_documents) {
    if (Status s = Exec(handle, "PRAGMA foreign_keys=OFF"); !s.ok()) return fail(s.message());
  }
  if (Status s = Exec(handle, "BEGIN IMMEDIATE"); !s.ok()) return fail(s.message());
  Status created = version == 1 ? MigrateFromSchema1(handle) : Status();
  if (created.ok() && version >= 1 && version < kSchemaVersion) created = AddColumnsOfSchema3And4(handle);
  if (created.ok() && remake_documents) created = SetAsideDocumentsOfSchema4(handle);
  if (created.ok()) created = Exec(handle, kSchemaSql);
  if (created.ok() && remake_documents) created = FinishDocumentsOfSchema5(handle);
  if (created.ok()) created = Exec(handle, kSearchSchemaSql);
  // Tables that were filled before their search index existed: index them now.
  if (created.ok() && version == 1) {
    created = Exec(handle,
                   "INSERT INTO activities_fts(activities_fts) VALUES ('rebuild');"
                   "INSERT INTO indicators_fts(indicators_fts) VALUES ('rebuild');"
                   "INSERT INTO directives_fts(directives_fts) VALUES ('rebuild');"
                   "INSERT INTO pages_fts(pages_fts) VALUES ('rebuild');");
  }
  if (created.ok()) created = Exec(handle, fmt::format("PRAGMA user_version={}", kSchemaVersion).c_str());
  if (!created.ok()) {
    (void)Exec(handle, "ROLLBACK");
    return fail(created.message());
  }
  if (Status s = Exec(handle, "COMMIT"); !s.ok()) return fail(s.message());
  if (remake_documents) {
    if (Status s = Exec(handle, "PRAGMA foreign_keys=ON"); !s.ok()) return fail(s.message());
  }
  if (Status s = db->Prepare(); !s.ok()) return fail(s.message());
  // Without a second connection SQLite's automatic checkpoints stay: slower, as safe.
  if (auto checkpointer = WalCheckpointer::Start(handle, file); checkpointer.ok())
    db->checkpointer_ = std::move(checkpointer).value();
  return db;
}

Result<std::unique_ptr<Database>> Database::OpenForReading(const std::filesystem::path& file) {
  ConfigureSqlite();
  auto fail = [&file](const std::string& why) { return Status::Database(fmt::format("{}: {}", file.string(), why)); };
  auto open = [](const std::string& name, int flags) -> sqlite3* {
    sqlite3* handle = nullptr;
    if (sqlite3_open_v2(name.c_str(), &handle, flags, nullptr) != SQLITE_OK) {
      sqlite3_close_v2(handle);
      return nullptr;
    }
    return handle;
  };
  sqlite3* handle = open(file.string(), SQLITE_OPEN_READONLY);
  auto version_of = [](sqlite3* db) -> std::optional<int> {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &stmt, nullptr) != SQLITE_OK) return std::nullopt;
    std::optional<int> version;
    if (sqlite3_step(stmt) == SQLITE_ROW) version = sqlite3_column_int(stmt, 0);
    sqlite3_finalize(stmt);
    return version;
  };
  std::optional<int> version = handle ? version_of(handle) : std::nullopt;
  if (!version) {
    // A WAL database on a read-only mount, where SQLite cannot create the
    // shared-memory file: read it as the immutable file it is there.
    if (handle) sqlite3_close_v2(handle);
    std::string uri = "file:";
    for (const char c : std::filesystem::absolute(file).string()) {
      if (c == '%' || c == '?' || c == '#') uri += fmt::format("%{:02X}", static_cast<unsigned char>(c));
      else uri += c;
    }
    handle = open(uri + "?immutable=1", SQLITE_OPEN_READONLY | SQLITE_OPEN_URI);
    version = handle ? version_of(handle) : std::nullopt;
    if (!version) {
      if (handle) sqlite3_close_v2(handle);
      return fail("cannot read it as an SQLite database");
    }
  }
  sqlite3_busy_timeout(handle, 5000);  // only a WAL recovery makes a reader wait
  std::unique_ptr<Database> db(new Database(handle));
  if (*version == 0) return fail("not a budgetdb database (no schema version)");
  if (*version > kSchemaVersion)
    return fail(fmt::format("schema version {} is newer than this budgetdb's ({})", *version, kSchemaVersion));
  if (*version < kSchemaVersion)
    return fail(fmt::format("schema version {} is older than this budgetdb's ({}): budgetdb ingest upgrades it",
                            *version, kSchemaVersion));
  return db;
}

Status Database::Prepare() {
  auto prepare = [this](const char* sql, std::unique_ptr<Statement>& out) -> Status {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr) != SQLITE_OK)
      return Status::Database(sqlite3_errmsg(db_));
    out = std::make_unique<Statement>(db_, stmt);
    return Status();
  };
  const std::pair<const char*, std::unique_ptr<Statement>*> statements[] = {
      // The latest version at a path.
      {"SELECT id, sha256, version FROM documents WHERE path = ?1 AND superseded_at IS NULL", &find_document_},
      {"UPDATE documents SET superseded_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1", &supersede_document_},
      {"DELETE FROM documents WHERE id = ?1", &delete_document_},
      {"INSERT INTO documents(id, path, sha256, title, year, format, page_count, ingested_at, size_bytes, encoding, "
       "original, grammar_set, version, superseded_at) VALUES (?9, ?1, ?2, ?3, ?4, ?5, ?6, "
       "coalesce(?10, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')), ?7, ?8, ?11, ?12, ?13, ?14)",
       &insert_document_},
      {"SELECT path, sha256, ingested_at, original, version, superseded_at FROM documents WHERE id = ?1",
       &find_document_by_id_},
      // An original with these bytes already kept: its name (names sort by their folder, the sha256).
      {"SELECT name FROM sqlar WHERE name >= ?1 AND name < ?2 LIMIT 1", &find_original_},
      {"INSERT INTO sqlar(name, mode, mtime, sz, data) VALUES (?1, ?2, ?3, ?4, ?5)", &insert_original_},
      {"INSERT INTO pages(document_id, page, text, first_line) VALUES (?1, ?2, ?3, ?4)", &insert_page_},
      {"INSERT INTO line_boxes(document_id, page, line, x0, y0, x1, y1) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
       &insert_line_box_},
      {"INSERT INTO page_furniture(document_id, page, line, kind, text) VALUES (?1, ?2, ?3, ?4, ?5)",
       &insert_furniture_},
      {"INSERT INTO problems(document_id, page, line, kind, message) VALUES (?1, ?2, ?3, ?4, ?5)", &insert_problem_},
      {"INSERT INTO bodies(name, kind) VALUES (?1, ?2) ON CONFLICT(name) DO NOTHING", &insert_body_},
      {"SELECT id FROM bodies WHERE name = ?1", &find_body_},
      {"INSERT INTO directives(document_id, body_id, text, page, line) VALUES (?1, ?2, ?3, ?4, ?5)",
       &insert_directive_},
      {"INSERT INTO goals(document_id, parent_id, level, number, text, page, line) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
       &insert_goal_},
      {"INSERT INTO activities(document_id, body_id, goal_id, scope, text, start_date, end_date, start_raw, end_raw, "
       "page, line, first_printing_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
       &insert_activity_},
      {"INSERT OR IGNORE INTO activity_bodies(activity_id, body_id, role) VALUES (?1, ?2, ?3)", &insert_activity_body_},
      {"INSERT INTO indicators(document_id, body_id, goal_id, scope, name, periodicity, mandatory, page, line) "
       "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
       &insert_indicator_},
      {"INSERT INTO indicator_targets(indicator_id, year, setter, raw, value, unit, direction, comparator, "
       "reference_year) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
       &insert_target_},
      {"INSERT INTO activities_fts(rowid, text) SELECT id, text FROM activities WHERE document_id = ?1",
       &index_activities_},
      {"INSERT INTO indicators_fts(rowid, name) SELECT id, name FROM indicators WHERE document_id = ?1",
       &index_indicators_},
      {"INSERT INTO directives_fts(rowid, text) SELECT id, text FROM directives WHERE document_id = ?1",
       &index_directives_},
      {"INSERT INTO pages_fts(rowid, text) SELECT id, text FROM pages WHERE document_id = ?1", &index_pages_},
  };
  for (const auto& [sql, target] : statements) {
    if (Status s = prepare(sql, *target); !s.ok()) return s;
  }
  return Status();
}

Status Database::RunOnce(const char* sql, const std::function<void(Statement&)>& bind) {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db_, sql, -1, &stmt, nullptr) != SQLITE_OK) return Status::Database(sqlite3_errmsg(db_));
  Statement statement(db_, stmt);
  bind(statement);
  return statement.Run();
}

Result<int64_t> Database::BeginRun(const std::string& options_json) {
  if (Status s = RunOnce("INSERT INTO ingest_runs(started_at, options) "
                         "VALUES (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?1)",
                         [&](Statement& run) { run.Bind(1, options_json); });
      !s.ok())
    return s;
  return static_cast<int64_t>(sqlite3_last_insert_rowid(db_));
}

Status Database::RecordFailure(int64_t run_id, const std::string& path, const std::string& sha256,
                               const Status& failure) {
  return RunOnce("INSERT INTO ingest_failures(run_id, path, sha256, kind, reason) VALUES (?1, ?2, ?3, ?4, ?5)",
                 [&](Statement& insert) {
                   insert.Bind(1, run_id).Bind(2, path).Bind(4, failure.KindName()).Bind(5, failure.message());
                   if (sha256.empty()) insert.BindNull(3);
                   else insert.Bind(3, sha256);
                 });
}

Status Database::FinishRun(int64_t run_id, int documents, int ingested, int unchanged, int replaced, int failed) {
  return RunOnce("UPDATE ingest_runs SET finished_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), documents = ?2, "
                 "ingested = ?3, unchanged = ?4, replaced = ?5, failed = ?6 WHERE id = ?1",
                 [&](Statement& update) {
                   update.Bind(1, run_id).Bind(2, int64_t{documents}).Bind(3, int64_t{ingested})
                       .Bind(4, int64_t{unchanged}).Bind(5, int64_t{replaced}).Bind(6, int64_t{failed});
                 });
}

Result<std::vector<std::string>> Database::LastRunFailures(int64_t before_run) {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db_,
                         "SELECT path FROM ingest_failures WHERE run_id = (SELECT max(id) FROM ingest_runs "
                         "WHERE finished_at IS NOT NULL AND id < ?1) ORDER BY rowid",
                         -1, &stmt, nullptr) != SQLITE_OK)
    return Status::Database(sqlite3_errmsg(db_));
  sqlite3_bind_int64(stmt, 1, before_run);
  std::vector<std::string> paths;
  int rc;
  while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) paths.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)));
  sqlite3_finalize(stmt);
  if (rc != SQLITE_DONE) return Status::Database(sqlite3_errmsg(db_));
  return paths;
}

Result<std::map<std::string, Database::Known>> Database::KnownDocuments() {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db_, "SELECT path, sha256, original IS NOT NULL FROM documents WHERE superseded_at IS NULL",
                         -1, &stmt, nullptr) !=
      SQLITE_OK)
    return Status::Database(sqlite3_errmsg(db_));
  Statement query(db_, stmt);
  std::map<std::string, Known> known;
  int rc;
  while ((rc = query.Step()) == SQLITE_ROW) known.emplace(query.Text(0), Known{query.Text(1), query.Int(2) != 0});
  if (rc != SQLITE_DONE) return Status::Database(sqlite3_errmsg(db_));
  return known;
}

Result<WriteSummary> Database::Write(const DocumentRecord& record, const ItemsReady& items_ready) {
  return InOneTransaction([&] { return WriteInTransaction(record, items_ready); }, /*keep=*/true);
}

Status Database::KeepOriginalOf(const std::string& path, const StoredOriginal& original) {
  auto kept = InOneTransaction(
      [&]() -> Result<WriteSummary> {
        find_document_->Bind(1, path);
        if (find_document_->Step() != SQLITE_ROW) {
          find_document_->Reset();
          return Status::NotFound(fmt::format("no document at {}", path));
        }
        const int64_t id = find_document_->Int(0);
        const std::string sha256 = find_document_->Text(1);
        find_document_->Reset();
        auto name = KeepOriginal(original, sha256);
        if (!name.ok()) return name.status();
        if (Status s = RunOnce("UPDATE documents SET original = ?2 WHERE id = ?1",
                               [&](Statement& update) { update.Bind(1, id).Bind(2, name.value()); });
            !s.ok())
          return s;
        return WriteSummary{.outcome = WriteOutcome::kRewritten, .document_id = id};
      },
      /*keep=*/true);
  return kept.ok() ? Status() : kept.status();
}

Result<WriteSummary> Database::Rewrite(const DocumentRecord& record, int64_t document_id) {
  return InOneTransaction(
      [&]() -> Result<WriteSummary> {
        find_document_by_id_->Bind(1, document_id);
        if (find_document_by_id_->Step() != SQLITE_ROW) {
          find_document_by_id_->Reset();
          return Status::NotFound(fmt::format("no document {}", document_id));
        }
        Statement& found = *find_document_by_id_;
        const StoredAs as{found.Text(0), document_id,  found.Text(2),
                          found.OptionalText(3), found.Int(4), found.OptionalText(5)};
        find_document_by_id_->Reset();
        if (Status s = delete_document_->Bind(1, document_id).Run(); !s.ok()) return s;
        WriteSummary summary;
        summary.outcome = WriteOutcome::kRewritten;
        return InsertDocument(record, as, summary);
      },
      /*keep=*/true);
}

Status Database::Trial(const DocumentRecord& record, const std::function<Status(int64_t)>& inspect) {
  Status inspected;
  auto tried = InOneTransaction(
      [&]() -> Result<WriteSummary> {
        auto written = InsertDocument(
            record, StoredAs{record.path + "\n(trial)", std::nullopt, std::nullopt, std::nullopt, 1, std::nullopt},
            WriteSummary{});
        if (written.ok()) inspected = inspect(written->document_id);
        return written;
      },
      /*keep=*/false);
  return tried.ok() ? inspected : tried.status();
}

Result<WriteSummary> Database::InOneTransaction(const std::function<Result<WriteSummary>()>& write, bool keep) {
  // Ids of bodies are known within one transaction: a rolled-back one takes its new bodies along.
  body_ids_.clear();
  if (Status s = Exec(db_, "BEGIN IMMEDIATE"); !s.ok()) return s;
  Result<WriteSummary> written = Status::Internal("not written");
  try {
    written = write();
  } catch (const std::exception& e) {  // never half a document: what threw is rolled back below
    written = Status::Internal(fmt::format("while storing: {}", e.what()));
  }
  const bool commit = keep && written.ok() && written->outcome != WriteOutcome::kUnchanged;
  if (commit) {
    if (Status s = Exec(db_, "COMMIT"); !s.ok()) {
      if (!sqlite3_get_autocommit(db_)) (void)Exec(db_, "ROLLBACK");
      return s;
    }
    return written;
  }
  // SQLite may have rolled back already (a full disk does): then ROLLBACK's own
  // complaint would hide the reason that matters, the write's.
  if (!sqlite3_get_autocommit(db_)) {
    if (Status s = Exec(db_, "ROLLBACK"); !s.ok() && written.ok()) return s;
  }
  body_ids_.clear();
  return written;
}

Result<WriteSummary> Database::WriteInTransaction(const DocumentRecord& record, const ItemsReady& items_ready) {
  WriteSummary summary;
  int64_t version = 1;
  find_document_->Bind(1, record.path);
  if (find_document_->Step() == SQLITE_ROW) {
    const int64_t latest_id = find_document_->Int(0);
    const bool same = find_document_->Text(1) == record.sha256;
    version = find_document_->Int(2) + 1;
    find_document_->Reset();
    if (same) {
      summary.outcome = WriteOutcome::kUnchanged;
      summary.document_id = latest_id;
      return summary;
    }
    // A new version: the one before stays, with its rows, no longer the latest.
    if (Status s = supersede_document_->Bind(1, latest_id).Run(); !s.ok()) return s;
    summary.outcome = WriteOutcome::kNewVersion;
  } else {
    find_document_->Reset();
  }
  std::optional<std::string> original;
  if (record.original) {
    auto kept = KeepOriginal(*record.original, record.sha256);
    if (!kept.ok()) return kept.status();
    original = std::move(kept).value();
  }
  return InsertDocument(record, StoredAs{record.path, std::nullopt, std::nullopt, original, version, std::nullopt},
                        summary, items_ready);
}

Result<std::string> Database::KeepOriginal(const StoredOriginal& original, const std::string& sha256) {
  std::string folder = OriginalFolder(sha256), past_folder = folder;
  past_folder.back() = static_cast<char>('/' + 1);
  find_original_->Bind(1, folder).Bind(2, past_folder);
  if (find_original_->Step() == SQLITE_ROW) {
    std::string name = find_original_->Text(0);
    find_original_->Reset();
    return name;
  }
  find_original_->Reset();
  insert_original_->Bind(1, original.name).Bind(2, original.mode).Bind(3, original.mtime).Bind(4, original.size);
  insert_original_->BindBlob(5, original.data);
  if (Status s = insert_original_->Run(); !s.ok()) return s;
  return original.name;
}

Result<WriteSummary> Database::InsertDocument(const DocumentRecord& record, const StoredAs& as, WriteSummary summary,
                                              const ItemsReady& items_ready) {
  const NormalisedDocument& text = record.text;
  insert_document_->Bind(1, as.path)
      .Bind(2, record.sha256)
      .Bind(3, record.info.title)
      .Bind(4, record.info.year)
      .Bind(5, std::string(FormatName(text.format)))
      .Bind(6, static_cast<int64_t>(text.pages.size()))
      .Bind(7, record.size_bytes)
      .Bind(8, text.encoding)
      .Bind(9, as.id)
      .Bind(10, as.ingested_at)
      .Bind(11, as.original)
      .Bind(13, as.version)
      .Bind(14, as.superseded_at);
  if (record.grammar_set.empty()) insert_document_->BindNull(12);
  else insert_document_->Bind(12, record.grammar_set);
  if (Status s = insert_document_->Run(); !s.ok()) return s;
  summary.document_id = sqlite3_last_insert_rowid(db_);

  for (const NormalisedPage& page : text.pages) {
    insert_page_->Bind(1, summary.document_id)
        .Bind(2, static_cast<int64_t>(page.number))
        .Bind(3, page.ArchiveText())
        .Bind(4, static_cast<int64_t>(page.first_line));
    if (Status s = insert_page_->Run(); !s.ok()) return s;
    for (const FurnitureLine& furniture : page.furniture) {
      insert_furniture_->Bind(1, summary.document_id)
          .Bind(3, static_cast<int64_t>(furniture.line.line))
          .Bind(4, std::string(FurnitureKindName(furniture.kind)))
          .Bind(5, furniture.line.text);
      if (text.paginated) insert_furniture_->Bind(2, static_cast<int64_t>(page.number));
      else insert_furniture_->BindNull(2);
      if (Status s = insert_furniture_->Run(); !s.ok()) return s;
      ++summary.furniture_lines;
    }
  }
  summary.pages = static_cast<int>(text.pages.size());
  for (const DocumentRecord::PlacedLine& placed : record.line_boxes) {
    insert_line_box_->Bind(1, summary.document_id)
        .Bind(2, static_cast<int64_t>(placed.page))
        .Bind(3, static_cast<int64_t>(placed.line))
        .Bind(4, placed.box.x0)
        .Bind(5, placed.box.y0)
        .Bind(6, placed.box.x1)
        .Bind(7, placed.box.y1);
    if (Status s = insert_line_box_->Run(); !s.ok()) return s;
  }
  if (Status s = index_pages_->Bind(1, summary.document_id).Run(); !s.ok()) return s;
  // The text is in: what follows is the items'.
  if (items_ready) {
    if (Status s = items_ready(); !s.ok()) return s;
  }
  // A warning that names its place ("page 3, line 12: ...", "line 60: ...")
  // keeps it in columns.
  for (const std::string& problem : record.problems) {
    std::optional<int> page, line;
    std::string_view message = problem;
    auto number_after = [&](std::string_view prefix, std::string_view then) -> std::optional<int> {
      if (!message.starts_with(prefix)) return std::nullopt;
      int number = 0;
      const char* begin = message.data() + prefix.size();
      const auto [end, error] = std::from_chars(begin, message.data() + message.size(), number);
      if (error != std::errc() || !std::string_view(end, static_cast<size_t>(message.data() + message.size() - end))
                                       .starts_with(then))
        return std::nullopt;
      message.remove_prefix(static_cast<size_t>(end - message.data()) + then.size());
      return number;
    };
    page = number_after("page ", ", ");
    line = number_after("line ", ": ");
    const char* kind = message.starts_with("damaged but read") ? "damaged" : "warning";
    insert_problem_->Bind(1, summary.document_id).Bind(2, page).Bind(3, line).Bind(4, std::string(kind))
        .Bind(5, std::string(message));
    if (Status s = insert_problem_->Run(); !s.ok()) return s;
  }

  for (const Directive& directive : record.directives) {
    insert_directive_->Bind(1, summary.document_id).Bind(3, directive.text).Bind(5, static_cast<int64_t>(directive.line));
    if (directive.body) {
      auto body_id = BodyId(*directive.body);
      if (!body_id.ok()) return body_id.status();
      insert_directive_->Bind(2, body_id.value());
    } else {
      insert_directive_->BindNull(2);
    }
    if (directive.page > 0) insert_directive_->Bind(4, static_cast<int64_t>(directive.page));
    else insert_directive_->BindNull(4);
    if (Status s = insert_directive_->Run(); !s.ok()) return s;
    ++summary.directives;
  }
  if (Status s = WriteTables(summary.document_id, record.tables, summary); !s.ok()) return s;
  // The search index of the document's rows, one statement a table (see search_schema.sql).
  for (auto* index : {&index_activities_, &index_indicators_, &index_directives_})
    if (Status s = (*index)->Bind(1, summary.document_id).Run(); !s.ok()) return s;
  return summary;
}

Status Database::BindBody(Statement& statement, int index, const std::optional<Body>& body) {
  if (!body) {
    statement.BindNull(index);
    return Status();
  }
  auto id = BodyId(*body);
  if (!id.ok()) return id.status();
  statement.Bind(index, id.value());
  return Status();
}

Status Database::WriteTables(int64_t document_id, const TableExtraction& tables, WriteSummary& summary) {
  // Goals come before their children (a parent is always found first), so ids are known in order.
  std::vector<int64_t> goal_ids;
  goal_ids.reserve(tables.goals.size());
  auto goal_id = [&](std::optional<size_t> goal) -> std::optional<int> {
    return goal ? std::optional<int>(static_cast<int>(goal_ids.at(*goal))) : std::nullopt;
  };
  for (const Goal& goal : tables.goals) {
    insert_goal_->Bind(1, document_id).Bind(2, goal_id(goal.parent)).Bind(3, goal.level).Bind(5, goal.text)
        .BindPage(6, goal.page).Bind(7, static_cast<int64_t>(goal.line));
    if (goal.number.empty()) insert_goal_->BindNull(4);
    else insert_goal_->Bind(4, goal.number);
    if (Status s = insert_goal_->Run(); !s.ok()) return s;
    goal_ids.push_back(sqlite3_last_insert_rowid(db_));
    ++summary.goals;
  }
  auto text_or_null = [](const std::string& text) {
    return text.empty() ? std::optional<std::string>() : std::optional<std::string>(text);
  };
  std::vector<int64_t> activity_ids;  // by index in tables.activities, for repeats' first printings
  activity_ids.reserve(tables.activities.size());
  for (const Activity& activity : tables.activities) {
    if (Status s = BindBody(*insert_activity_, 2, activity.body); !s.ok()) return s;
    std::optional<int64_t> first_printing;
    if (activity.first_printing && *activity.first_printing < activity_ids.size())
      first_printing = activity_ids[*activity.first_printing];
    insert_activity_->Bind(1, document_id).Bind(3, goal_id(activity.goal)).Bind(4, activity.scope)
        .Bind(5, activity.text).Bind(6, activity.start_date).Bind(7, activity.end_date)
        .Bind(8, text_or_null(activity.start_raw)).Bind(9, text_or_null(activity.end_raw))
        .BindPage(10, activity.page).Bind(11, static_cast<int64_t>(activity.line)).Bind(12, first_printing);
    if (Status s = insert_activity_->Run(); !s.ok()) return s;
    const int64_t activity_id = sqlite3_last_insert_rowid(db_);
    activity_ids.push_back(activity_id);
    for (const ActivityBody& named : activity.bodies) {
      auto body_id = BodyId(named.body);
      if (!body_id.ok()) return body_id.status();
      insert_activity_body_->Bind(1, activity_id).Bind(2, body_id.value()).Bind(3, named.role);
      if (Status s = insert_activity_body_->Run(); !s.ok()) return s;
    }
    ++summary.activities;
  }
  for (const Indicator& indicator : tables.indicators) {
    if (Status s = BindBody(*insert_indicator_, 2, indicator.body); !s.ok()) return s;
    insert_indicator_->Bind(1, document_id).Bind(3, goal_id(indicator.goal)).Bind(4, indicator.scope)
        .Bind(5, indicator.name).Bind(6, indicator.periodicity).Bind(7, static_cast<int64_t>(indicator.mandatory))
        .BindPage(8, indicator.page).Bind(9, static_cast<int64_t>(indicator.line));
    if (Status s = insert_indicator_->Run(); !s.ok()) return s;
    const int64_t indicator_id = sqlite3_last_insert_rowid(db_);
    for (const IndicatorTarget& target : indicator.targets) {
      insert_target_->Bind(1, indicator_id).Bind(2, target.year).Bind(3, target.setter).Bind(4, target.raw)
          .Bind(5, target.value).Bind(6, target.unit).Bind(7, target.direction).Bind(8, target.comparator)
          .Bind(9, target.reference_year);
      if (Status s = insert_target_->Run(); !s.ok()) return s;
    }
    ++summary.indicators;
  }
  return Status();
}

Result<int64_t> Database::BodyId(const Body& body) {
  if (auto known = body_ids_.find(body.name); known != body_ids_.end()) return known->second;
  if (Status s = insert_body_->Bind(1, body.name).Bind(2, body.kind).Run(); !s.ok()) return s;
  find_body_->Bind(1, body.name);
  const bool found = find_body_->Step() == SQLITE_ROW;
  const int64_t id = found ? find_body_->Int(0) : 0;
  find_body_->Reset();
  if (!found) return Status::Database("body " + body.name + " vanished");
  body_ids_.emplace(body.name, id);
  return id;
}

}  // namespace budgetdb
