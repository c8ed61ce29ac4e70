#include "cli/reextract.h"

#include <fmt/format.h>
#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>

#include "cli/commands.h"
#include "common/sha256.h"
#include "common/text.h"
#include "query/archive.h"
#include "query/diff.h"

namespace budgetdb {

namespace {

// What the database holds of one document.
struct StoredDocument {
  int64_t id = 0;
  std::string path, sha256, format, encoding, original;
  int64_t size_bytes = 0;
};

// A folder of our own under $TMPDIR, removed with everything in it.
class TempFolder {
 public:
  TempFolder() {
    std::string pattern = (std::filesystem::temp_directory_path() / "budgetdb-reextract-XXXXXX").string();
    if (::mkdtemp(pattern.data()) != nullptr) path_ = pattern;
  }
  ~TempFolder() {
    std::error_code ignored;
    if (!path_.empty()) std::filesystem::remove_all(path_, ignored);
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// The document's kept original: its bytes, checked against the document's sha256.
Result<std::string> OriginalOf(sqlite3* db, const StoredDocument& document) {
  std::optional<Result<std::string>> bytes;
  Status s = ForEachRow(db, "SELECT sz, data FROM sqlar WHERE name = ?1", {document.original}, [&](const SqlRow& row) {
    bytes = UnpackOriginal(row.Int(0).value_or(-1), row.Text(1));
  });
  if (!s.ok()) return s;
  if (!bytes) return Status::NotFound(fmt::format("its original {} is not in the database", document.original));
  if (!bytes->ok()) return Status::Damaged(fmt::format("its original is damaged: {}", bytes->status().message()));
  if (Sha256Hex(bytes->value()) != document.sha256)
    return Status::Damaged("its original is damaged: its bytes no longer hash to the document's sha256 "
                           "(budgetdb verify lists what else is)");
  return std::move(bytes).value();
}

FurnitureKind FurnitureKindNamed(const std::string& name) {
  for (FurnitureKind kind : {FurnitureKind::kPageNumber, FurnitureKind::kPageMarker, FurnitureKind::kRunningHead})
    if (name == FurnitureKindName(kind)) return kind;
  return FurnitureKind::kPageNumber;
}

// The normalised text as the database keeps it: each page's lines, line
// numbers as in the source, furniture set aside as it was. (The archive leaves
// furniture lines blank, where the normaliser had no line at all: they are
// left out again. A line whose only word moved up a line stays a blank line
// here, which the normaliser dropped: the one way these lines differ.)
Result<NormalisedDocument> StoredText(sqlite3* db, const StoredDocument& document) {
  NormalisedDocument text;
  text.path = document.path;
  text.format = document.format == "pdf" ? DocumentFormat::kPdf : DocumentFormat::kText;
  text.encoding = document.encoding;
  std::map<std::pair<int, int>, FurnitureLine> furniture;  // by (page, line); page 1 when not paginated
  Status s = ForEachRow(db, "SELECT coalesce(page, 1), line, kind, text FROM page_furniture WHERE document_id = ?1",
                        {document.id}, [&](const SqlRow& row) {
                          const int page = row.SmallInt(0).value_or(1), line = row.SmallInt(1).value_or(0);
                          furniture[{page, line}] = FurnitureLine{Line{row.Text(3), page, line, {}},
                                                                  FurnitureKindNamed(row.Text(2))};
                        });
  if (!s.ok()) return s;
  s = ForEachRow(db, "SELECT page, text, first_line FROM pages WHERE document_id = ?1 ORDER BY page", {document.id},
                 [&](const SqlRow& row) {
                   NormalisedPage page;
                   page.number = row.SmallInt(0).value_or(1);
                   page.first_line = row.SmallInt(2).value_or(1);
                   const std::string stored = row.Text(1);
                   // (Its last line may be blank, which getline does not give.)
                   page.last_line = page.first_line + static_cast<int>(std::count(stored.begin(), stored.end(), '\n'));
                   std::istringstream lines(stored);
                   int number = page.first_line;
                   for (std::string line; std::getline(lines, line); ++number) {
                     if (auto it = furniture.find({page.number, number}); it != furniture.end()) {
                       page.furniture.push_back(it->second);
                       continue;
                     }
                     page.lines.push_back(Line{line, page.number, number, {}});
                   }
                   text.pages.push_back(std::move(page));
                 });
  if (!s.ok()) return s;
  // A text without page breaks: its lines say page 0, as the reader's do.
  text.paginated = text.format == DocumentFormat::kPdf || text.pages.size() > 1;
  if (!text.paginated)
    for (NormalisedPage& page : text.pages) {
      for (Line& line : page.lines) line.page = 0;
      for (FurnitureLine& line : page.furniture) line.line.page = 0;
    }
  return text;
}

// The document made again: from its original where one is kept, else from its stored pages.
Result<DocumentRecord> MakeAgain(sqlite3* db, const DocumentPipeline& pipeline, const StoredDocument& document,
                                 std::vector<std::string>& warnings) {
  if (document.original.empty()) {
    auto text = StoredText(db, document);
    if (!text.ok()) return text.status();
    if (text->format == DocumentFormat::kPdf)
      warnings.push_back("no original kept (--no-originals): read from the stored pages, which keep no layout; "
                         "its rows may differ from a fresh ingest of the PDF");
    DocumentRecord record;
    record.path = document.path;
    record.sha256 = document.sha256;
    record.size_bytes = document.size_bytes;
    record.text = std::move(text).value();
    // The stored pages keep their lines' numbers: their boxes still hold.
    Status kept = ForEachRow(db, "SELECT page, line, x0, y0, x1, y1 FROM line_boxes WHERE document_id = ?1",
                             {document.id}, [&](const SqlRow& row) {
                               auto number = [&](size_t i) { return row.Real(i).value_or(0); };
                               record.line_boxes.push_back({row.SmallInt(0).value_or(0), row.SmallInt(1).value_or(0),
                                                            LineBox{number(2), number(3), number(4), number(5)}});
                             });
    if (!kept.ok()) return kept;
    pipeline.Extract(record, warnings);
    return record;
  }
  auto bytes = OriginalOf(db, document);
  if (!bytes.ok()) return bytes.status();
  // The reader knows a file by its name's extension, and the sandboxed PDF
  // reader reads a file: the original is written to one of ours.
  TempFolder folder;
  if (folder.path().empty()) return Status::Unreadable("no temporary folder to read the original in");
  const std::filesystem::path copy = folder.path() / std::filesystem::path(document.original).filename();
  {
    std::ofstream file(copy, std::ios::binary);
    file.write(bytes->data(), static_cast<std::streamsize>(bytes->size()));
    if (!file) return Status::Unreadable(fmt::format("{}: cannot write the original there", copy.string()));
  }
  return pipeline.Process(InputFile{copy, document.path}, bytes.value(), document.sha256, warnings);
}

}  // namespace

Result<ReextractReport> RunReextract(const ReextractOptions& options, std::ostream& out, std::ostream& err) {
  auto pipeline = DocumentPipeline::Load(options.grammars, options.dictionary);
  if (!pipeline.ok()) return pipeline.status();
  if (Status s = options.pdf_limits.Validate(); !s.ok()) return s;
  pipeline->set_pdf_isolation(options.reader_program, options.pdf_limits);
  std::error_code error;
  if (!std::filesystem::is_regular_file(options.database, error))
    return Status::Database(fmt::format("{}: no database here (budgetdb ingest writes one)", options.database.string()));
  auto database = Database::Open(options.database);
  if (!database.ok()) return database.status();
  sqlite3* db = database.value()->handle();

  std::vector<StoredDocument> documents;
  const char* select =
      "SELECT id, path, sha256, format, encoding, coalesce(original, ''), size_bytes FROM documents WHERE id = ?1";
  auto add = [&](int64_t id) {
    return ForEachRow(db, select, {id}, [&](const SqlRow& row) {
      documents.push_back(StoredDocument{*row.Int(0), row.Text(1), row.Text(2), row.Text(3), row.Text(4), row.Text(5),
                                         row.Int(6).value_or(0)});
    });
  };
  if (options.documents.empty()) {
    std::vector<int64_t> ids;
    if (Status s = ForEachRow(db, "SELECT id FROM documents ORDER BY id", {},
                              [&](const SqlRow& row) { ids.push_back(*row.Int(0)); });
        !s.ok())
      return s;
    for (int64_t id : ids)
      if (Status s = add(id); !s.ok()) return s;
  } else {
    for (const std::string& name : options.documents) {
      auto document = ResolveDocument(db, name);
      if (!document.ok()) return document.status();
      if (Status s = add(document->id); !s.ok()) return s;
    }
  }

  ReextractReport report;
  for (const StoredDocument& document : documents) {
    const std::string shown = OneLinePath(document.path);
    std::vector<std::string> warnings;
    Result<DocumentRecord> record = Status::Internal("not read");
    try {
      record = MakeAgain(db, *pipeline, document, warnings);
    } catch (const std::exception& e) {
      record = Status::Internal(e.what());
    }
    for (const std::string& warning : warnings) err << fmt::format("{}: warning: {}\n", shown, warning);
    if (!record.ok()) {
      ++report.failed;
      err << fmt::format("{}: {}\n", shown, record.status().ToString()) << std::flush;
      continue;
    }
    if (options.dry_run) {
      Status shown_diff = database.value()->Trial(*record, [&](int64_t trial_id) {
        auto diff = DiffDocuments(db, std::to_string(document.id), std::to_string(trial_id));
        if (!diff.ok()) return diff.status();
        out << fmt::format("\ndocument {}: {}\n", document.id, shown);
        PrintDiffItems(*diff, out);
        report.added += static_cast<int>(diff->added.size());
        report.removed += static_cast<int>(diff->removed.size());
        report.changed += static_cast<int>(diff->changed.size());
        return Status();
      });
      if (!shown_diff.ok()) {
        ++report.failed;
        err << fmt::format("{}: {}\n", shown, shown_diff.ToString());
        continue;
      }
      ++report.reextracted;
      continue;
    }
    auto written = database.value()->Rewrite(*record, document.id);
    if (!written.ok()) {
      ++report.failed;
      err << fmt::format("{}: {}\n", shown, written.status().ToString()) << std::flush;
      continue;
    }
    ++report.reextracted;
    out << fmt::format("reextracted  {}  ({} directives, {} activities, {} indicators, {} goals)\n", shown,
                       written->directives, written->activities, written->indicators, written->goals)
        << std::flush;
  }
  const int total = static_cast<int>(documents.size());
  if (options.dry_run)
    out << fmt::format("\n{} document{} read again with {}: {} added, {} removed, {} changed, {} failed; nothing "
                       "stored (--dry-run)\n",
                       total, total == 1 ? "" : "s", pipeline->grammar_set(), report.added, report.removed,
                       report.changed, report.failed);
  else
    out << fmt::format("{} document{}: {} reextracted with {}, {} failed -> {}\n", total, total == 1 ? "" : "s",
                       report.reextracted, pipeline->grammar_set(), report.failed, options.database.string());
  return report;
}

}  // namespace budgetdb
