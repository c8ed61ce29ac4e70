// The ingest job: files and folders -> documents in the database.
//
// In:  IngestOptions (paths, database, jobs, where the grammars and the Swedish
//      dictionary are).
// Out: each document read, normalised and written in its own transaction; one
//      line per document on `out` ("ingested", "unchanged", "updated", with
//      counts), `PATH: reason` on `err` for each document that failed, then a
//      summary on `out`. `jobs` threads read and parse documents; one thread
//      writes. A file whose bytes the database already holds is not parsed again.
//      Datasette's metadata.json is written next to the database.
// Fails: a setup error (a grammar that does not compile, no dictionary, a
//        database that cannot be opened) is the returned Status and nothing is
//        read. A failing document is counted in the report, never fatal.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "common/status.h"
#include "normalise/normaliser.h"
#include "read/pdf_sandbox.h"
#include "read/reader.h"
#include "extract/directives.h"
#include "extract/tables.h"
#include "segment/document_info.h"
#include "segment/sections.h"
#include "store/database.h"

namespace budgetdb {

struct IngestOptions {
  std::vector<std::string> paths;             // files or folders (recursive: .pdf, .txt, .md)
  std::filesystem::path database = "output/budget.db";
  int jobs = 0;                               // 0: one per core
  std::filesystem::path grammars = BUDGETDB_GRAMMARS_DIR;
  std::filesystem::path dictionary = SwedishWords::kDefaultDictionary;
  bool progress = false;                      // a live progress line on `err` (terminals only)
  // Each PDF is read by a child process under these bounds (see read/pdf_sandbox.h);
  // `reader_program` is budgetdb itself, empty to read PDFs in this process.
  PdfLimits pdf_limits;
  std::filesystem::path reader_program;
  int max_file_mb = static_cast<int>(kDefaultMaxFileBytes >> 20);  // larger files fail alone, unread
  bool retry_failed = false;  // read again the files that failed in the last finished run
  bool keep_originals = true;  // each file's bytes kept in the database (sqlar), for reextract and verify
};

struct IngestReport {
  int ingested = 0, unchanged = 0, updated = 0, failed = 0;  // updated: a new version of a known path
  int pages = 0;  // pages read in this run (unchanged documents are not read)
  double seconds = 0;
  bool all_ok() const { return failed == 0; }
};

struct InputFile {
  std::filesystem::path shown;  // as the user named or found it, for messages
  std::string absolute;         // the document's identity in the database
};

struct InputFiles {
  std::vector<InputFile> files;
  std::vector<std::filesystem::path> missing;
};

// Every stage a document goes through before the database, loaded once and
// shared by the reading threads.
class DocumentPipeline {
 public:
  static Result<DocumentPipeline> Load(const std::filesystem::path& grammars,
                                       const std::filesystem::path& dictionary);
  // Reads, normalises, describes and extracts one document whose bytes (and
  // their hash) are in hand. `warnings` receives what a reader should check
  // ("line 832: ..."), the document still goes in.
  Result<DocumentRecord> Process(const InputFile& file, const std::string& bytes, std::string sha256,
                                 std::vector<std::string>& warnings) const;
  // Process in two halves, for a writer that stores a document's text while
  // its items are extracted: the record with its text and what the document
  // says of itself (Describe), and no items; then ExtractItems.
  // `started`: the PDF's reader, started already (in its child process).
  Result<DocumentRecord> ReadText(const InputFile& file, const std::string& bytes, std::string sha256,
                                  std::vector<std::string>& warnings,
                                  std::optional<PdfReaderProcess> started = std::nullopt) const;
  // The stages after normalising, for a document whose normalised text is in
  // `record` (read now, or rebuilt from the pages a database keeps):
  // Describe, then ExtractItems.
  void Extract(DocumentRecord& record, std::vector<std::string>& warnings) const;
  // What the document says of itself (title, year) and what made its rows.
  void Describe(DocumentRecord& record) const;
  // Its directives, goals, activities and indicators; `record.problems` gets
  // `warnings` with the extraction's own appended.
  void ExtractItems(DocumentRecord& record, std::vector<std::string>& warnings) const;
  // What produced the rows this pipeline makes (GrammarSetOf its grammars).
  const std::string& grammar_set() const { return grammar_set_; }
  // Loads what the first document would wait for (the Swedish dictionary).
  void Preload() const { words_->Preload(); }
  // At the end of a batch: the dictionary is left to the process's exit.
  void LeaveDictionaryToProcessExit() const { words_->LeaveToProcessExit(); }
  // PDFs are read by `program` (budgetdb-read-pdf) in a child process under
  // `limits`; with none set, a PDF fails as Unsupported.
  void set_pdf_isolation(std::filesystem::path program, PdfLimits limits) {
    reader_program_ = std::move(program);
    pdf_limits_ = limits;
  }
  // Threads that read the pages of one PDF; set before the readers start.
  void set_pdf_page_threads(int threads) { pdf_page_threads_ = std::max(1, threads); }

  // The stages one by one (bench/ times each of them).
  const Normaliser& normaliser() const { return *normaliser_; }
  const DocumentInfoReader& info_reader() const { return *info_reader_; }
  const SectionFinder& section_finder() const { return *section_finder_; }
  const DirectiveExtractor& directive_extractor() const { return *directive_extractor_; }
  const TableExtractor& table_extractor() const { return *table_extractor_; }

 private:
  DocumentPipeline() = default;
  std::shared_ptr<const Normaliser> normaliser_;
  std::shared_ptr<const SwedishWords> words_;
  std::shared_ptr<const DocumentInfoReader> info_reader_;
  std::shared_ptr<const SectionFinder> section_finder_;
  std::shared_ptr<const DirectiveExtractor> directive_extractor_;
  std::shared_ptr<const TableExtractor> table_extractor_;
  int pdf_page_threads_ = 1;
  std::string grammar_set_;
  std::filesystem::path reader_program_;
  PdfLimits pdf_limits_;
};

// budgetdb's version and a hash of the files in the grammars folder (each
// file's name and bytes): "budgetdb 0.5.0; grammars 1f2e3d4c5b6a7980".
Result<std::string> GrammarSetOf(const std::filesystem::path& grammars);

// The files that `paths` name, folders walked recursively in name order, each
// once; paths that do not exist are returned in `missing`.
InputFiles ExpandInputs(const std::vector<std::string>& paths);

Result<IngestReport> RunIngest(const IngestOptions& options, std::ostream& out, std::ostream& err);

}  // namespace budgetdb
