// The budgetdb command. Exit status: 0 every document went in; 1 some document
// failed (the others went in); 2 usage error; 3 setup error (a grammar, the
// dictionary or the database could not be loaded: nothing was read).
#include <CLI/CLI.hpp>
#include <unistd.h>

#include <cstdlib>
#include <iostream>

#include "cli/ingest.h"

namespace {
constexpr int kExitOk = 0, kExitSomeFailed = 1, kExitUsage = 2, kExitSetup = 3;
}

int main(int argc, char** argv) {
  CLI::App app{"budgetdb: Swedish municipal budget documents into a queryable SQLite database"};
  app.require_subcommand(1);
  app.footer("Exit status: 0 all documents went in, 1 some failed (the rest went in), 2 usage error, 3 setup error.");

  budgetdb::IngestOptions ingest_options;
  CLI::App* ingest = app.add_subcommand("ingest", "Read documents (.pdf, .txt, .md) into the database");
  ingest->add_option("paths", ingest_options.paths, "Files or folders (folders are walked recursively)")
      ->required();
  ingest->add_option("--db", ingest_options.database, "Database file, created if missing")
      ->capture_default_str();
  ingest->add_option("-j,--jobs", ingest_options.jobs, "Documents read in parallel (0: one per core)")
      ->check(CLI::Range(0, 256))
      ->capture_default_str();
  ingest->add_option("--grammars", ingest_options.grammars, "Folder of *.grammar files")
      ->capture_default_str();
  ingest->add_option("--dictionary", ingest_options.dictionary,
                     "Hunspell dictionary for Swedish words, without .aff/.dic")
      ->capture_default_str();

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitUsage;
  }

  if (*ingest) {
    // A live progress line only where a person watches; pipes and CI get plain lines.
    ingest_options.progress = isatty(STDERR_FILENO) && std::getenv("CI") == nullptr;
    auto report = budgetdb::RunIngest(ingest_options, std::cout, std::cerr);
    if (!report.ok()) {
      std::cerr << "budgetdb: " << report.status().message() << '\n';
      return kExitSetup;
    }
    return report->all_ok() ? kExitOk : kExitSomeFailed;
  }
  return kExitUsage;
}
