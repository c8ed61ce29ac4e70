#include "query/export.h"

#include <fmt/format.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "common/csv.h"
#include "store/metadata.h"

namespace budgetdb {

namespace {

constexpr const char* kUtf8ByteOrderMark = "\xEF\xBB\xBF";

nlohmann::ordered_json JsonValue(const SqlValue& value) {
  if (const auto* i = std::get_if<int64_t>(&value)) return *i;
  if (const auto* d = std::get_if<double>(&value)) return *d;
  if (const auto* s = std::get_if<std::string>(&value)) return *s;
  return nullptr;
}

// Writes `text` to `path` whole or not at all: a temporary file renamed over it.
Status WriteWhole(const std::filesystem::path& path, const std::string& text) {
  const std::filesystem::path temporary = path.string() + ".part";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out.flush()) {
      std::error_code ignored;
      std::filesystem::remove(temporary, ignored);
      return Status::Unreadable(fmt::format("{}: cannot write it", path.string()));
    }
  }
  std::error_code error;
  std::filesystem::rename(temporary, path, error);
  if (error) return Status::Unreadable(fmt::format("{}: {}", path.string(), error.message()));
  return Status();
}

}  // namespace

Result<std::vector<ExportedFile>> ExportViews(sqlite3* db, const std::string& format,
                                              const std::filesystem::path& folder) {
  if (format != "csv" && format != "json")
    return Status::Invalid(fmt::format("unknown format '{}': csv or json", format));
  std::error_code error;
  std::filesystem::create_directories(folder, error);
  if (error) return Status::Unreadable(fmt::format("{}: {}", folder.string(), error.message()));

  std::vector<ExportedFile> written;
  for (const std::string& view : kExportedViews) {
    ExportedFile file{folder / fmt::format("{}.{}", view, format), 0};
    std::string csv;
    nlohmann::ordered_json rows = nlohmann::ordered_json::array();
    bool header_written = false;
    Status s = ForEachRow(db, fmt::format("SELECT * FROM {}", view), {}, [&](const SqlRow& row) {
      ++file.rows;
      if (format == "csv") {
        // A byte-order mark first: Excel reads UTF-8 as such only after one (å, ä, ö).
        if (!header_written) csv += kUtf8ByteOrderMark + CsvRecord(*row.columns), header_written = true;
        std::vector<std::string> fields;
        for (const SqlValue& value : row.values) fields.push_back(SqlValueText(value));
        csv += CsvRecord(fields);
      } else {
        nlohmann::ordered_json object;
        for (size_t c = 0; c < row.values.size(); ++c) object[(*row.columns)[c]] = JsonValue(row.values[c]);
        rows.push_back(std::move(object));
      }
    });
    if (!s.ok()) return s;
    if (format == "csv" && !header_written) {
      // An empty view still says what its columns are.
      csv = kUtf8ByteOrderMark;
      bool first = true;
      Status columns = ForEachRow(db, fmt::format("SELECT name FROM pragma_table_info('{}')", view), {},
                                  [&](const SqlRow& row) {
                                    csv += (first ? "" : ",") + CsvField(row.Text(0));
                                    first = false;
                                  });
      if (!columns.ok()) return columns;
      csv += "\r\n";
    }
    if (Status w = WriteWhole(file.path, format == "csv" ? csv : rows.dump(2) + "\n"); !w.ok()) return w;
    written.push_back(std::move(file));
  }
  return written;
}

Result<std::filesystem::path> WriteMetadata(const std::filesystem::path& database) {
  nlohmann::ordered_json metadata = nlohmann::ordered_json::parse(kMetadataJson);
  // Datasette files a database's metadata under the database's name.
  nlohmann::ordered_json shipped = metadata["databases"]["budget"];
  metadata["databases"] = nlohmann::ordered_json::object();
  metadata["databases"][database.stem().string()] = std::move(shipped);
  const std::filesystem::path path = database.parent_path() / "metadata.json";
  if (Status s = WriteWhole(path, metadata.dump(2) + "\n"); !s.ok()) return s;
  return path;
}

}  // namespace budgetdb
