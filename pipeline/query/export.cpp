#include "query/export.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

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
                                              const std::filesystem::path& folder,
                                              const std::vector<std::string>& views, const ExportFilter& filter) {
  const bool csv_like = format == "csv" || format == "excel";
  if (!csv_like && format != "json" && format != "jsonl")
    return Status::Invalid(fmt::format("unknown format '{}': csv, excel, json or jsonl", format));
  for (const std::string& view : views)
    if (std::find(kExportedViews.begin(), kExportedViews.end(), view) == kExportedViews.end())
      return Status::Invalid(fmt::format("unknown view '{}': {}", view, fmt::join(kExportedViews, ", ")));
  std::error_code error;
  std::filesystem::create_directories(folder, error);
  if (error) return Status::Unreadable(fmt::format("{}: {}", folder.string(), error.message()));
  // Excel as a Swedish locale opens a file: ';' between fields, a decimal comma.
  const bool excel = format == "excel";
  const char separator = excel ? ';' : ',';
  auto field_text = [&](const SqlValue& value) {
    std::string text = SqlValueText(value);
    if (excel && std::holds_alternative<double>(value)) std::replace(text.begin(), text.end(), '.', ',');
    return text;
  };

  std::vector<ExportedFile> written;
  for (const std::string& view : views.empty() ? kExportedViews : views) {
    const std::string extension = excel ? "csv" : format;
    ExportedFile file{folder / fmt::format("{}{}.{}", view, excel ? "-excel" : "", extension), 0};
    std::string text;
    nlohmann::ordered_json rows = nlohmann::ordered_json::array();
    bool header_written = false;
    // Every view has these columns (README: the ready views).
    const std::string where =
        " WHERE (?1 IS NULL OR body = ?1) AND (?2 IS NULL OR document_year = ?2) AND (?3 IS NULL OR document_id = ?3)";
    const std::vector<SqlValue> binds{filter.body ? SqlValue(*filter.body) : SqlValue(),
                                      filter.year ? SqlValue(static_cast<int64_t>(*filter.year)) : SqlValue(),
                                      filter.document_id ? SqlValue(*filter.document_id) : SqlValue()};
    Status s = ForEachRow(db, fmt::format("SELECT * FROM {}{}", view, where), binds, [&](const SqlRow& row) {
      ++file.rows;
      if (csv_like) {
        // A byte-order mark first: Excel reads UTF-8 as such only after one (å, ä, ö).
        if (!header_written) text += kUtf8ByteOrderMark + CsvRecord(*row.columns, separator), header_written = true;
        std::vector<std::string> fields;
        for (const SqlValue& value : row.values) fields.push_back(field_text(value));
        text += CsvRecord(fields, separator);
      } else {
        nlohmann::ordered_json object;
        for (size_t c = 0; c < row.values.size(); ++c) object[(*row.columns)[c]] = JsonValue(row.values[c]);
        if (format == "jsonl") text += object.dump() + "\n";  // one object a line, for streaming readers
        else rows.push_back(std::move(object));
      }
    });
    if (!s.ok()) return s;
    if (csv_like && !header_written) {
      // An empty view still says what its columns are.
      text = kUtf8ByteOrderMark;
      bool first = true;
      Status columns = ForEachRow(db, fmt::format("SELECT name FROM pragma_table_info('{}')", view), {},
                                  [&](const SqlRow& row) {
                                    text += (first ? "" : std::string(1, separator)) + CsvField(row.Text(0), separator);
                                    first = false;
                                  });
      if (!columns.ok()) return columns;
      text += "\r\n";
    }
    if (Status w = WriteWhole(file.path, format == "json" ? rows.dump(2) + "\n" : text); !w.ok()) return w;
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
