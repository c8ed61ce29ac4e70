// The budgetdb command: ingest documents; search, list, export, diff and show
// what the database holds, or serve it as web pages; reextract it with other
// grammars; verify it. Exit status of ingest: 0 every document went in; 1 some
// document failed (the others went in); 2 usage error; 3 setup error (a
// grammar, the dictionary or the database could not be loaded: nothing was
// read). Of the reading commands: see cli/commands.h. This is budgetdb-core,
// which the budgetdb command starts (cli/launcher.cpp).
#include <CLI/CLI.hpp>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>

#include "cli/commands.h"
#include "cli/ingest.h"
#include "cli/reextract.h"
#include "common/malloc_settings.h"
#include "common/programs.h"
#include "serve/server.h"

namespace {
constexpr int kExitOk = 0, kExitSomeFailed = 1, kExitUsage = 2, kExitSetup = 3;
}  // namespace

int main(int argc, char** argv) {
  budgetdb::KeepMemoryOnceGot();
  CLI::App app{"budgetdb: Swedish municipal budget documents into a queryable SQLite database"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "budgetdb " BUDGETDB_VERSION);
  app.footer("Exit status of ingest: 0 all documents went in, 1 some failed (the rest went in), 2 usage error, "
             "3 setup error; of the reading commands: 0 done, 2 a wrong argument, 3 no database, 4 no such item.");

  budgetdb::IngestOptions ingest_options;
  CLI::App* ingest = app.add_subcommand("ingest", "Read documents (.pdf, .txt, .md) into the database");
  ingest->footer("Exit status: 0 all documents went in, 1 some failed (the rest went in), 2 usage error, 3 setup error.");
  auto* paths_option =
      ingest->add_option("paths", ingest_options.paths, "Files or folders (folders are walked recursively)");
  auto* retry_option = ingest->add_flag("--retry-failed", ingest_options.retry_failed,
                                        "Read again the files that failed in the last finished run (and any paths given)");
  // One of the two: paths, or the last run's failures.
  ingest->callback([paths_option, retry_option] {
    if (paths_option->count() == 0 && retry_option->count() == 0)
      throw CLI::RequiredError("paths (or --retry-failed)");
  });
  ingest->add_option("--db", ingest_options.database, "Database file, created if missing")
      ->capture_default_str();
  ingest->add_option("-j,--jobs", ingest_options.jobs,
                     "Cores to use: documents read at once while one thread writes them (0: one per core; "
                     "1: each document read, then written, on one thread)")
      ->check(CLI::Range(0, 256))
      ->capture_default_str();
  ingest->add_option("--grammars", ingest_options.grammars, "Folder of *.grammar files")
      ->capture_default_str();
  ingest->add_option("--dictionary", ingest_options.dictionary,
                     "Hunspell dictionary for Swedish words, without .aff/.dic")
      ->capture_default_str();

  ingest->add_option("--pdf-seconds", ingest_options.pdf_limits.seconds,
                     "CPU seconds a PDF may take to read (wall-clock: twice); past them it fails alone")
      ->check(CLI::Range(1, 86400))
      ->capture_default_str();
  ingest->add_option("--pdf-memory-mb", ingest_options.pdf_limits.megabytes,
                     "Memory a PDF's reader may use, in MB; past it the PDF fails alone")
      ->check(CLI::Range(64, 1 << 20))
      ->capture_default_str();
  bool no_originals = false;
  ingest->add_flag("--no-originals", no_originals,
                   "Do not keep each file's bytes in the database (reextract then reads the stored pages, "
                   "verify has no originals to check)");
  ingest->add_option("--max-file-mb", ingest_options.max_file_mb,
                     "Largest file read, in MB; a larger one fails alone before it is read")
      ->check(CLI::Range(1, 1 << 20))
      ->capture_default_str();

  budgetdb::SearchOptions search_options;
  CLI::App* search = app.add_subcommand("search", "Full-text search over activities, indicators, directives and pages");
  search->footer("Exit status: 0 done, 2 a wrong argument, 3 no database (or SQLite refused it), 4 the document or item is not in it.");
  search->add_option("query", search_options.request.query,
                     "Words, all of which must occur, each searched as a prefix (socialnämnd finds socialnämnden); "
                    "a \"quoted phrase\"; OR, NOT and NEAR (or NEAR/N, NEAR(a b, N)) between terms")
      ->required();
  search->add_option("--kind", search_options.request.kind, "activity, indicator, directive or page")
      ->check(CLI::IsMember({"activity", "indicator", "directive", "page"}));
  search->add_option("--body", search_options.request.body, "Only items of this body (its section or a body it names)");
  search->add_option("--year", search_options.request.year, "Only documents of this year");
  search->add_option("--document", search_options.request.document,
                     "Only this document: its id or path (the latest version; PATH@N its version N)");
  search->add_flag("--all-versions", search_options.request.all_versions,
                   "Every version of each document, not the latest alone");
  search->add_option("--format", search_options.format, "table, csv or json")
      ->check(CLI::IsMember({"table", "csv", "json"}))
      ->capture_default_str();
  search->add_option("--limit", search_options.request.limit, "At most this many hits")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  search->add_option("--offset", search_options.request.offset, "Skip this many of the best hits: the next page")
      ->check(CLI::Range(0, 1000000));
  search->add_option("--db", search_options.database, "Database file")->capture_default_str();

  budgetdb::ExportOptions export_options;
  CLI::App* export_command = app.add_subcommand("export", "Write the ready views as CSV or JSON files");
  export_command->footer("Exit status: 0 done, 2 a wrong argument, 3 no database (or SQLite refused it), 4 the document or item is not in it.");
  export_command->add_option("--format", export_options.format,
                              "csv; excel (';' between fields, decimal comma: Excel in Swedish); json; jsonl (JSON Lines)")
      ->check(CLI::IsMember({"csv", "excel", "json", "jsonl"}))
      ->capture_default_str();
  export_command->add_option("--view", export_options.views,
                              "Only this view (repeatable): activities_view, activities_once_view, "
                              "activity_bodies_view, indicator_targets_view, directives_view")
      ->take_all();
  export_command->add_option("--body", export_options.body, "Only rows of this body (as documents write it)");
  export_command->add_option("--year", export_options.year, "Only rows of documents of this year");
  export_command->add_option("--document", export_options.document, "Only rows of this document: its id or path");
  export_command->add_option("--out", export_options.folder, "Folder for the files, created if missing")
      ->capture_default_str();
  export_command->add_option("--db", export_options.database, "Database file")->capture_default_str();

  budgetdb::DiffOptions diff_options;
  CLI::App* diff = app.add_subcommand("diff", "What changed between two documents in the database");
  diff->footer("Exit status: 0 done, 2 a wrong argument, 3 no database (or SQLite refused it), 4 the document or item is not in it.");
  diff->add_option("old", diff_options.old_document,
                   "The older document: its id or path (PATH@N: version N of that path)")->required();
  diff->add_option("new", diff_options.new_document, "The newer document: its id or path (PATH@N)")->required();
  diff->add_option("--format", diff_options.format, "text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  diff->add_option("--db", diff_options.database, "Database file")->capture_default_str();

  budgetdb::ListOptions list_options;
  CLI::App* list = app.add_subcommand("list", "List or count activities, indicators, directives, goals or bodies, no search word needed");
  list->footer("Exit status: 0 done, 2 a wrong argument, 3 no database (or SQLite refused it), 4 the body or document is not in it (the nearest names are suggested).");
  list->add_option("kind", list_options.request.kind, "activities, indicators, directives, goals or bodies")->required();
  list->add_option("--body", list_options.request.body, "A body as documents write it (activities: any body the text names)");
  list->add_option("--role", list_options.request.role, "lead, partner or consulted (activities; with --body: that body's role)");
  list->add_option("--year", list_options.request.year, "The document's year");
  list->add_option("--document", list_options.request.document, "A document's id, path, or the end of its path");
  list->add_option("--ends-before", list_options.request.ends_before, "Activities that end on or before YYYY-MM-DD");
  list->add_option("--ends-after", list_options.request.ends_after, "Activities that end on or after YYYY-MM-DD");
  list->add_option("--goal", list_options.request.goal, "A goal's number (3.1)");
  list->add_flag("--all-versions", list_options.request.all_versions,
                 "Every version of each document, not the latest alone");
  list->add_option("--count-by", list_options.request.count_by, "Count instead: body, year, role, document or goal");
  list->add_option("--limit", list_options.request.limit, "Rows shown at most")->capture_default_str();
  list->add_option("--format", list_options.format, "table, csv or json")->capture_default_str();
  list->add_option("--db", list_options.database, "Database file")->capture_default_str();

  budgetdb::ServeOptions serve_options;
  CLI::App* serve = app.add_subcommand("serve", "The database as web pages, each item shown on its page (read-only)");
  serve->footer("Exit status: 0 stopped (Ctrl-C), 3 no database or the address cannot be bound.");
  serve->add_option("--db", serve_options.database, "Database file")->capture_default_str();
  serve->add_option("--port", serve_options.port, "Port (0: any free one)")
      ->check(CLI::Range(0, 65535))
      ->capture_default_str();
  serve->add_option("--host", serve_options.host, "Address to listen on (127.0.0.1: this machine only)")
      ->capture_default_str();

  budgetdb::ShowOptions show_options;
  CLI::App* show = app.add_subcommand("show", "An item with the source lines around it");
  show->footer("Exit status: 0 done, 2 a wrong argument, 3 no database (or SQLite refused it), 4 the document or item is not in it.");
  show->add_option("item", show_options.item, "KIND:ID as search prints it (activity:12)")->required();
  show->add_option("--context", show_options.context_lines, "Source lines on each side")
      ->check(CLI::Range(0, 200))
      ->capture_default_str();
  show->add_option("--db", show_options.database, "Database file")->capture_default_str();

  budgetdb::ReextractOptions reextract_options;
  CLI::App* reextract = app.add_subcommand(
      "reextract", "Make the items of stored documents again with the current grammars, from their kept originals");
  reextract->footer("Exit status: 0 every document was read again, 1 some failed (they keep their rows), "
                    "2 usage error, 3 setup error (grammars, dictionary, no database), 4 a named document is not in it.");
  reextract->add_option("--document", reextract_options.documents, "A document's id or path (repeatable); all when none")
      ->take_all();
  reextract->add_flag("--dry-run", reextract_options.dry_run,
                      "Print what would be added, removed or changed (as diff does), store nothing");
  reextract->add_option("--grammars", reextract_options.grammars, "Folder of *.grammar files")->capture_default_str();
  reextract->add_option("--dictionary", reextract_options.dictionary,
                        "Hunspell dictionary for Swedish words, without .aff/.dic")
      ->capture_default_str();
  reextract->add_option("--db", reextract_options.database, "Database file")->capture_default_str();

  budgetdb::VerifyOptions verify_options;
  CLI::App* verify = app.add_subcommand(
      "verify", "Check the database: SQLite's and the search indexes' integrity, the kept originals' hashes, "
                "every row's page and line");
  verify->footer("Exit status: 0 sound, 1 problems (one line each), 3 no database (or SQLite refused it).");
  verify->add_option("--db", verify_options.database, "Database file")->capture_default_str();

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    // A file whose name begins with '-' reads as an option; say how to name it.
    for (int i = 1; i < argc; ++i) {
      std::error_code error;
      if (argv[i][0] == '-' && std::filesystem::is_regular_file(argv[i], error))
        std::cerr << "'" << argv[i] << "' is a file: put -- before file names that begin with '-' (budgetdb ingest -- "
                  << argv[i] << ")\n";
    }
    return kExitUsage;
  }

  // The batch commands read PDFs in a child: budgetdb-read-pdf.
  const std::filesystem::path pdf_reader_program = budgetdb::ProgramBesideThisOne("budgetdb-read-pdf", argv[0]);
  // A batch's exit status: 3 when it could not start, 4 a named document not in
  // the database, 1 some documents failed, 0 none did.
  auto batch_exit = [](const auto& report) {
    if (report.ok()) return report->all_ok() ? kExitOk : kExitSomeFailed;
    std::cerr << "budgetdb: " << report.status().message() << '\n';
    return report.status().code() == budgetdb::Status::Code::kNotFound ? budgetdb::kExitNotFound : kExitSetup;
  };
  if (*ingest) {
    // A live progress line only where a person watches; pipes and CI get plain lines.
    ingest_options.progress = isatty(STDERR_FILENO) && std::getenv("CI") == nullptr;
    ingest_options.keep_originals = !no_originals;
    ingest_options.reader_program = pdf_reader_program;
    auto report = budgetdb::RunIngest(ingest_options, std::cout, std::cerr);
    // (Ingest names no document: any setup failure is a setup error.)
    if (!report.ok()) {
      std::cerr << "budgetdb: " << report.status().message() << '\n';
      return kExitSetup;
    }
    return batch_exit(report);
  }
  if (*reextract) {
    reextract_options.reader_program = pdf_reader_program;
    return batch_exit(budgetdb::RunReextract(reextract_options, std::cout, std::cerr));
  }
  if (*verify) return budgetdb::RunVerify(verify_options, std::cout, std::cerr);
  if (*list) return budgetdb::RunList(list_options, std::cout, std::cerr);
  if (*search) {
    search_options.color = isatty(STDOUT_FILENO) && std::getenv("NO_COLOR") == nullptr;
    return budgetdb::RunSearch(search_options, std::cout, std::cerr);
  }
  if (*export_command) return budgetdb::RunExport(export_options, std::cout, std::cerr);
  if (*diff) return budgetdb::RunDiff(diff_options, std::cout, std::cerr);
  if (*show) return budgetdb::RunShow(show_options, std::cout, std::cerr);
  if (*serve) {
    // The web view is a program of its own (cli/serve_main.cpp), with the
    // libraries only it needs; this program parsed its arguments.
    const std::string program = budgetdb::ProgramBesideThisOne("budgetdb-serve", argv[0]);
    const std::string port = std::to_string(serve_options.port);
    const std::string database = serve_options.database.string();
    const char* serve_argv[] = {"budgetdb-serve", "serve", database.c_str(), serve_options.host.c_str(), port.c_str(),
                                nullptr};
    execv(program.c_str(), const_cast<char* const*>(serve_argv));
    std::cerr << "budgetdb: cannot run " << program << ": " << std::strerror(errno) << '\n';
    return kExitSetup;
  }
  return kExitUsage;
}
