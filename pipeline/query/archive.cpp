#include "query/archive.h"

#include <fmt/format.h>

#include <charconv>

namespace budgetdb {

std::string SqlValueText(const SqlValue& value) {
  if (const auto* i = std::get_if<int64_t>(&value)) return std::to_string(*i);
  if (const auto* d = std::get_if<double>(&value)) return fmt::format("{}", *d);
  if (const auto* s = std::get_if<std::string>(&value)) return *s;
  return "";
}

std::optional<int64_t> SqlRow::Int(size_t i) const {
  if (const auto* v = std::get_if<int64_t>(&values.at(i))) return *v;
  return std::nullopt;
}

std::optional<double> SqlRow::Real(size_t i) const {
  if (const auto* d = std::get_if<double>(&values.at(i))) return *d;
  if (const auto* v = std::get_if<int64_t>(&values.at(i))) return static_cast<double>(*v);
  return std::nullopt;
}

std::optional<int> SqlRow::SmallInt(size_t i) const {
  if (auto v = Int(i)) return static_cast<int>(*v);
  return std::nullopt;
}

Result<std::unique_ptr<Database>> OpenArchive(const std::filesystem::path& file) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(file, error))
    return Status::NotFound(fmt::format("{}: no database here (budgetdb ingest writes one)", file.string()));
  return Database::OpenForReading(file);
}

Status ForEachRow(sqlite3* db, const std::string& sql, const std::vector<SqlValue>& binds,
                  const std::function<void(const SqlRow&)>& visit) {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK)
    return Status::Database(sqlite3_errmsg(db));
  std::unique_ptr<sqlite3_stmt, decltype(&sqlite3_finalize)> guard(stmt, sqlite3_finalize);
  for (size_t i = 0; i < binds.size(); ++i) {
    const int index = static_cast<int>(i + 1);
    if (const auto* v = std::get_if<int64_t>(&binds[i])) sqlite3_bind_int64(stmt, index, *v);
    else if (const auto* d = std::get_if<double>(&binds[i])) sqlite3_bind_double(stmt, index, *d);
    else if (const auto* s = std::get_if<std::string>(&binds[i]))
      sqlite3_bind_text(stmt, index, s->data(), static_cast<int>(s->size()), SQLITE_TRANSIENT);
    else sqlite3_bind_null(stmt, index);
  }
  std::vector<std::string> columns;
  for (int c = 0; c < sqlite3_column_count(stmt); ++c) columns.emplace_back(sqlite3_column_name(stmt, c));
  SqlRow row;
  row.columns = &columns;
  int rc;
  while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    row.values.clear();
    for (int c = 0; c < static_cast<int>(columns.size()); ++c) {
      switch (sqlite3_column_type(stmt, c)) {
        case SQLITE_INTEGER: row.values.emplace_back(static_cast<int64_t>(sqlite3_column_int64(stmt, c))); break;
        case SQLITE_FLOAT: row.values.emplace_back(sqlite3_column_double(stmt, c)); break;
        case SQLITE_NULL: row.values.emplace_back(std::monostate{}); break;
        default: {
          const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
          row.values.emplace_back(std::string(text, static_cast<size_t>(sqlite3_column_bytes(stmt, c))));
        }
      }
    }
    visit(row);
  }
  if (rc != SQLITE_DONE) return Status::Database(sqlite3_errmsg(db));
  return Status();
}

std::string DocumentRef::Named() const {
  std::string named = year ? fmt::format("{} ({})", title, *year) : title;
  named += ", " + std::filesystem::path(path).filename().string();
  if (version > 1 || !latest) named += fmt::format(", version {}{}", version, latest ? "" : " (superseded)");
  return named;
}

Result<DocumentRef> ResolveDocument(sqlite3* db, const std::string& named) {
  // "NAME@N": version N of the document NAME names; NAME alone: its latest.
  std::string given = named;
  std::optional<int64_t> version;
  if (const size_t at = named.rfind('@'); at != std::string::npos && at + 1 < named.size()) {
    int64_t n = 0;
    const char* digits = named.data() + at + 1;
    if (std::from_chars(digits, named.data() + named.size(), n).ptr == named.data() + named.size() && n > 0) {
      version = n;
      given = named.substr(0, at);
    }
  }
  // A path to a file on disk names the document ingested from it, however it is spelt.
  std::string name = given;
  std::error_code error;
  if (std::filesystem::is_regular_file(given, error)) {
    const auto canonical = std::filesystem::weakly_canonical(std::filesystem::absolute(given), error);
    if (!error) name = canonical.string();
  }
  std::vector<DocumentRef> found;
  int64_t id = 0;
  const bool numeric = std::from_chars(name.data(), name.data() + name.size(), id).ptr == name.data() + name.size();
  // A path's end matches at a folder boundary: "liberalerna.txt" does not name "x-liberalerna.txt".
  // By path: the latest version, or version ?4. By id: that document, whatever its version.
  const std::string sql =
      "SELECT id, path, title, year, sha256, ingested_at, version, superseded_at IS NULL FROM documents "
      "WHERE (id = ?1 AND ?4 IS NULL) OR ((path = ?2 OR path LIKE '%/' || ?3 ESCAPE '\\') AND "
      "(version = ?4 OR (?4 IS NULL AND superseded_at IS NULL))) ORDER BY id";
  std::string pattern;
  for (char c : name) {
    if (c == '%' || c == '_' || c == '\\') pattern += '\\';
    pattern += c;
  }
  Status s = ForEachRow(db, sql, {numeric ? SqlValue(id) : SqlValue(), name, pattern, version ? SqlValue(*version) : SqlValue()},
                        [&](const SqlRow& row) {
                          found.push_back(DocumentRef{*row.Int(0), row.Text(1), row.Text(2), row.SmallInt(3),
                                                      row.Text(4), row.Text(5), row.SmallInt(6).value_or(1),
                                                      row.Int(7).value_or(1) != 0});
                        });
  if (!s.ok()) return s;
  // An exact id or path wins over a path's end.
  for (const DocumentRef& doc : found)
    if ((numeric && doc.id == id) || doc.path == name) return doc;
  if (found.empty())
    return Status::NotFound(version ? fmt::format("no version {} of '{}' in the database", *version, given)
                                    : fmt::format("no document in the database is '{}'", given));
  if (found.size() > 1) {
    std::string paths;
    for (const DocumentRef& doc : found) paths += fmt::format("\n  {}  {}", doc.id, doc.path);
    return Status::Invalid(fmt::format("'{}' names {} documents; give the id or the whole path:{}", given,
                                       found.size(), paths));
  }
  return found.front();
}

}  // namespace budgetdb
