#include "cli/commands.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <nlohmann/json.hpp>

#include "common/csv.h"
#include "query/diff.h"
#include "query/export.h"
#include "query/show.h"
#include "store/verify.h"

namespace budgetdb {

namespace {

constexpr int kExitOk = 0, kExitUsage = 2, kExitSetup = 3;

int ExitFor(const Status& status) {
  switch (status.code()) {
    case Status::Code::kInvalid: return kExitUsage;
    case Status::Code::kNotFound: return kExitNotFound;
    default: return kExitSetup;
  }
}

int Fail(std::ostream& err, const Status& status) {
  err << "budgetdb: " << status.message() << '\n';
  return ExitFor(status);
}

// No database, or one SQLite refuses: nothing could be asked.
int FailToOpen(std::ostream& err, const Status& status) {
  err << "budgetdb: " << status.message() << '\n';
  return kExitSetup;
}

// The matched words: bold on a terminal, as they are elsewhere.
std::string Marked(const std::string& text, bool color) {
  std::string shown;
  for (char c : text) {
    if (c == kMatchStart) shown += color ? "\x1b[1;31m" : "";
    else if (c == kMatchEnd) shown += color ? "\x1b[0m" : "";
    else shown += c;
  }
  return shown;
}

nlohmann::ordered_json PlaceJson(const std::optional<ItemPlace>& place) {
  if (!place) return nullptr;
  return {{"page", place->page ? nlohmann::ordered_json(*place->page) : nlohmann::ordered_json(nullptr)},
          {"line", place->line}};
}

}  // namespace

std::string FileName(const std::string& path) { return std::filesystem::path(path).filename().string(); }

std::string Place(std::optional<int> page, int line) {
  return page ? fmt::format("page {}, line {}", *page, line) : fmt::format("line {}", line);
}

void PrintHits(const std::vector<SearchHit>& hits, const std::string& format, std::ostream& out) {
  if (format == "csv") {
    out << CsvRecord({"item", "kind", "id", "document_id", "document", "year", "file", "version", "body", "page",
                      "line", "text", "details"});
    for (const SearchHit& hit : hits)
      out << CsvRecord({fmt::format("{}:{}", hit.kind, hit.id), hit.kind, std::to_string(hit.id),
                        std::to_string(hit.document_id), hit.document, hit.year ? std::to_string(*hit.year) : "",
                        FileName(hit.path), std::to_string(hit.version), hit.body,
                        hit.page ? std::to_string(*hit.page) : "", std::to_string(hit.line), Marked(hit.text, false),
                        hit.details});
    return;
  }
  nlohmann::ordered_json rows = nlohmann::ordered_json::array();
  for (const SearchHit& hit : hits) {
    rows.push_back({{"item", fmt::format("{}:{}", hit.kind, hit.id)},
                    {"kind", hit.kind},
                    {"id", hit.id},
                    {"document_id", hit.document_id},
                    {"document", hit.document},
                    {"year", hit.year ? nlohmann::ordered_json(*hit.year) : nlohmann::ordered_json(nullptr)},
                    {"file", FileName(hit.path)},
                    {"version", hit.version},
                    {"body", hit.body.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(hit.body)},
                    {"page", hit.page ? nlohmann::ordered_json(*hit.page) : nlohmann::ordered_json(nullptr)},
                    {"line", hit.line},
                    {"text", Marked(hit.text, false)},
                    {"details", hit.details.empty() ? nlohmann::ordered_json(nullptr)
                                                    : nlohmann::ordered_json(hit.details)}});
  }
  out << rows.dump(2) << '\n';
}

void PrintRows(const ListResult& result, const std::string& format, std::ostream& out) {
  if (format == "csv") {
    out << CsvRecord(result.columns);
    for (const auto& row : result.rows) out << CsvRecord(row);
    return;
  }
  nlohmann::ordered_json rows = nlohmann::ordered_json::array();
  for (const auto& row : result.rows) {
    nlohmann::ordered_json object;
    for (size_t c = 0; c < row.size() && c < result.columns.size(); ++c) object[result.columns[c]] = row[c];
    rows.push_back(std::move(object));
  }
  out << rows.dump(2) << '\n';
}

int RunSearch(const SearchOptions& options, std::ostream& out, std::ostream& err) {
  if (options.format != "table" && options.format != "csv" && options.format != "json")
    return Fail(err, Status::Invalid(fmt::format("unknown format '{}': table, csv or json", options.format)));
  auto archive = OpenArchive(options.database);
  if (!archive.ok()) return FailToOpen(err, archive.status());
  auto registry = BodyRegistry::Load(options.grammars / "bodies.registry");
  int64_t total = 0;
  auto hits =
      Search(archive.value()->handle(), options.request, registry.ok() ? &registry.value() : nullptr, &total);
  if (!hits.ok()) return Fail(err, hits.status());
  // Never fewer hits than there are without saying so.
  const int64_t offset = options.request.offset, shown = static_cast<int64_t>(hits->size());
  const std::string count_line =
      offset > 0 ? fmt::format("hits {} to {} of {}, the best first{}\n", std::min(offset + 1, total), offset + shown,
                               total,
                               offset + shown < total ? fmt::format(" (--offset {} for the next)", offset + shown) : "")
      : shown < total
          ? fmt::format("{} of {} hits, the best first (--limit {} shows them all, --offset {} the next)\n", shown,
                        total, total, shown)
          : fmt::format("{} hit{}\n", total, total == 1 ? "" : "s");

  if (options.format == "csv" || options.format == "json") {
    PrintHits(*hits, options.format, out);
    if (offset > 0 || shown < total) err << count_line;
  } else {
    if (hits->empty()) err << "no hits\n";
    else out << count_line;
    for (const SearchHit& hit : *hits) {
      const DocumentRef document{.id = hit.document_id, .path = hit.path, .title = hit.document, .year = hit.year,
                                 .version = hit.version, .latest = hit.latest};
      out << fmt::format("{}:{}  {}  {}{}\n", hit.kind, hit.id, document.Named(), Place(hit.page, hit.line),
                         hit.body.empty() ? "" : "  " + hit.body);
      std::string text = Marked(hit.text, options.color);
      for (size_t start = 0; start < text.size();) {
        const size_t end = std::min(text.find('\n', start), text.size());
        out << "    " << text.substr(start, end - start) << '\n';
        start = end + 1;
      }
      if (!hit.details.empty()) out << "    [" << hit.details << "]\n";
    }
  }
  return kExitOk;
}

int RunList(const ListOptions& options, std::ostream& out, std::ostream& err) {
  if (options.format != "table" && options.format != "csv" && options.format != "json")
    return Fail(err, Status::Invalid(fmt::format("unknown format '{}': table, csv or json", options.format)));
  auto archive = OpenArchive(options.database);
  if (!archive.ok()) return FailToOpen(err, archive.status());
  auto registry = BodyRegistry::Load(options.grammars / "bodies.registry");
  auto listed = ListItems(archive.value()->handle(), options.request, registry.ok() ? &registry.value() : nullptr);
  if (!listed.ok()) return Fail(err, listed.status());
  const ListResult& result = *listed;
  // Never fewer rows than there are without saying so (counts list every value).
  const std::string count_line =
      options.request.count_by
          ? fmt::format("{} {} by {}\n", result.total, options.request.kind, *options.request.count_by)
      : static_cast<int64_t>(result.rows.size()) < result.total
          ? fmt::format("{} of {} {} (--limit {} shows them all)\n", result.rows.size(), result.total,
                        options.request.kind, result.total)
          : fmt::format("{} {}\n", result.total, options.request.kind);
  if (options.format == "json" || options.format == "csv") {
    PrintRows(result, options.format, out);
    err << count_line;
  } else {
    out << count_line;
    if (!result.rows.empty()) out << fmt::format("{}\n", fmt::join(result.columns, "\t"));
    for (const auto& row : result.rows) out << fmt::format("{}\n", fmt::join(row, "\t"));
  }
  return kExitOk;
}

int RunExport(const ExportOptions& options, std::ostream& out, std::ostream& err) {
  auto archive = OpenArchive(options.database);
  if (!archive.ok()) return FailToOpen(err, archive.status());
  ExportFilter filter{.body = options.body, .year = options.year, .document_id = std::nullopt};
  if (options.body) {  // as documents write it ("socialnämnden"), as the database has it
    auto registry = BodyRegistry::Load(options.grammars / "bodies.registry");
    if (registry.ok())
      if (auto known = registry->Resolve(*options.body)) filter.body = known->name;
  }
  if (options.document) {
    auto document = ResolveDocument(archive.value()->handle(), *options.document);
    if (!document.ok()) return Fail(err, document.status());
    filter.document_id = document->id;
  }
  auto files = ExportViews(archive.value()->handle(), options.format, options.folder, options.views, filter);
  if (!files.ok()) return Fail(err, files.status());
  for (const ExportedFile& file : *files) out << fmt::format("{}  ({} rows)\n", file.path.string(), file.rows);
  return kExitOk;
}

int RunDiff(const DiffOptions& options, std::ostream& out, std::ostream& err) {
  if (options.format != "text" && options.format != "json")
    return Fail(err, Status::Invalid(fmt::format("unknown format '{}': text or json", options.format)));
  auto archive = OpenArchive(options.database);
  if (!archive.ok()) return FailToOpen(err, archive.status());
  auto diff = DiffDocuments(archive.value()->handle(), options.old_document, options.new_document);
  if (!diff.ok()) return Fail(err, diff.status());

  if (options.format == "json") {
    auto document = [](const DocumentRef& d) {
      return nlohmann::ordered_json{{"id", d.id}, {"path", d.path}, {"title", d.title},
                                    {"year", d.year ? nlohmann::ordered_json(*d.year) : nlohmann::ordered_json(nullptr)},
                                    {"version", d.version}, {"sha256", d.sha256}};
    };
    auto items = [](const std::vector<DiffItem>& list) {
      nlohmann::ordered_json array = nlohmann::ordered_json::array();
      for (const DiffItem& item : list) {
        nlohmann::ordered_json element{{"kind", item.kind},
                                       {"body", item.body.empty() ? nlohmann::ordered_json(nullptr)
                                                                  : nlohmann::ordered_json(item.body)},
                                       {"text", item.text},
                                       {"old", PlaceJson(item.in_old)},
                                       {"new", PlaceJson(item.in_new)}};
        if (!item.changes.empty()) {
          element["changes"] = nlohmann::ordered_json::array();
          for (const FieldChange& change : item.changes)
            element["changes"].push_back({{"field", change.field}, {"old", change.old_value}, {"new", change.new_value}});
        }
        array.push_back(std::move(element));
      }
      return array;
    };
    nlohmann::ordered_json result{{"old_document", document(diff->old_document)},
                                  {"new_document", document(diff->new_document)},
                                  {"added", items(diff->added)},
                                  {"removed", items(diff->removed)},
                                  {"changed", items(diff->changed)}};
    out << result.dump(2) << '\n';
    return kExitOk;
  }

  // For a reporter's draft: grouped, with where to find each item.
  out << fmt::format("From:  {}\nTo:    {}\n", diff->old_document.Named(), diff->new_document.Named());
  PrintDiffItems(*diff, out);
  return kExitOk;
}

void PrintDiffItems(const DocumentDiff& diff, std::ostream& out) {
  out << fmt::format("{} added, {} removed, {} changed\n", diff.added.size(), diff.removed.size(),
                     diff.changed.size());
  auto section = [&](const char* heading, const std::vector<DiffItem>& list, char mark) {
    if (list.empty()) return;
    out << fmt::format("\n{} ({})\n", heading, list.size());
    for (const DiffItem& item : list) {
      const std::optional<ItemPlace>& place = item.in_new ? item.in_new : item.in_old;
      out << fmt::format("{} {}{}: {}\n", mark, item.kind, item.body.empty() ? "" : ", " + item.body, item.text);
      out << fmt::format("    {}\n", place ? Place(place->page, place->line) : "");
      for (const FieldChange& change : item.changes)
        out << fmt::format("    {}: {} -> {}\n", change.field, change.old_value.empty() ? "(none)" : change.old_value,
                           change.new_value.empty() ? "(none)" : change.new_value);
    }
  };
  section("Added", diff.added, '+');
  section("Removed", diff.removed, '-');
  section("Changed", diff.changed, '~');
}

int RunVerify(const VerifyOptions& options, std::ostream& out, std::ostream& err) {
  auto report = VerifyDatabase(options.database);
  if (!report.ok()) return FailToOpen(err, report.status());
  for (const std::string& problem : report->problems) out << problem << '\n';
  for (const std::string& note : report->notes) err << "budgetdb: note: " << note << '\n';
  out << fmt::format("{}: {} document{}, {} original{} re-hashed, {} row{}' places checked, integrity_check, {} search "
                     "index{}: {}\n",
                     options.database.string(), report->documents, report->documents == 1 ? "" : "s",
                     report->originals, report->originals == 1 ? "" : "s", report->places,
                     report->places == 1 ? "" : "s", report->search_indexes,
                     report->search_indexes == 1 ? "" : "es",
                     report->ok() ? "ok" : fmt::format("{} problem{}", report->problems.size(),
                                                       report->problems.size() == 1 ? "" : "s"));
  return report->ok() ? kExitOk : kExitProblems;
}

int RunShow(const ShowOptions& options, std::ostream& out, std::ostream& err) {
  auto archive = OpenArchive(options.database);
  if (!archive.ok()) return FailToOpen(err, archive.status());
  auto item = ShowItem(archive.value()->handle(), options.item, options.context_lines);
  if (!item.ok()) return Fail(err, item.status());
  out << fmt::format("{}:{}\n", item->kind, item->id);
  out << fmt::format("  document: {}{}\n", item->document.title,
                     item->document.year ? fmt::format(" ({})", *item->document.year) : "");
  out << fmt::format("  file:     {}\n", item->document.path);
  out << fmt::format("  place:    {}\n", Place(item->page, item->line));
  for (const auto& [name, value] : item->fields) out << fmt::format("  {}: {}\n", name, value);
  out << "\nIn the source:\n";
  for (const SourceLineOfItem& line : item->source)
    out << fmt::format("{} {:>6} | {}\n", line.of_item ? '>' : ' ', line.line, line.text);
  return kExitOk;
}

}  // namespace budgetdb
