// The reextract job: the items of documents already in the database, made
// again with the current grammars, without the files they came from.
//
// In:  ReextractOptions: the database, the grammars (and dictionary) to use,
//      which documents (all when none is named), and whether to only show.
// Out: for each document, read again from its kept original (sqlar; a PDF
//      through the same sandboxed reader as ingest), or, where none was kept
//      (--no-originals), from its stored pages (a PDF's layout is not stored:
//      its rows may then differ from a fresh ingest, and a warning says so);
//      then segmented and extracted with the grammars given. With dry_run:
//      per document, the items that would be added, removed or changed, in
//      diff's format, and nothing stored. Otherwise its rows are replaced in
//      one transaction per document (its id, path and ingestion time stay) and
//      its grammar_set records what produced them; a line per document, then
//      a summary.
// Fails: a setup error (grammars, dictionary, database) is the returned
//        Status and nothing is read; a document that fails (an original
//        damaged since, a PDF that no longer reads) is `PATH: reason` on `err`,
//        counted, and keeps its rows.
#pragma once

#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

#include "cli/ingest.h"

namespace budgetdb {

struct ReextractOptions {
  std::filesystem::path database = "output/budget.db";
  std::filesystem::path grammars = BUDGETDB_GRAMMARS_DIR;
  std::filesystem::path dictionary = SwedishWords::kDefaultDictionary;
  std::vector<std::string> documents;  // ids or paths (query/archive.h); empty: all
  bool dry_run = false;
  PdfLimits pdf_limits;
  std::filesystem::path reader_program;  // budgetdb itself, for the PDF reader's sandbox; empty: in process
};

struct ReextractReport {
  int reextracted = 0, failed = 0;
  int added = 0, removed = 0, changed = 0;  // dry run: items that would change
  bool all_ok() const { return failed == 0; }
};

Result<ReextractReport> RunReextract(const ReextractOptions& options, std::ostream& out, std::ostream& err);

}  // namespace budgetdb
