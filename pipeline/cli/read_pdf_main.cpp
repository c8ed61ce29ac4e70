// budgetdb-read-pdf: the child process that reads one PDF for ingest and
// reextract (read/pdf_sandbox.h), under the bounds its parent set. A program
// of its own, beside budgetdb: with budgetdb-serve, the only one that loads
// Poppler (and its thirty libraries: 13 ms to start, once a PDF). Called as:
//   budgetdb-read-pdf read-pdf --page-threads N PATH
// Exit status: RunReadPdf's; 2 for any other arguments.
#include <charconv>
#include <cstdio>
#include <iostream>
#include <string_view>

#include "common/malloc_settings.h"
#include "read/pdf_sandbox.h"

int main(int argc, char** argv) {
  budgetdb::KeepMemoryOnceGot();
  int page_threads = 0;
  if (argc == 5 && std::string_view(argv[1]) == "read-pdf" && std::string_view(argv[2]) == "--page-threads") {
    const std::string_view threads = argv[3];
    const auto [end, error] = std::from_chars(threads.data(), threads.data() + threads.size(), page_threads);
    if (error == std::errc() && end == threads.data() + threads.size() && page_threads >= 1)
      return budgetdb::RunReadPdf(argv[4], page_threads, std::cout);
  }
  std::fprintf(stderr, "usage: %s read-pdf --page-threads N PATH\n", argv[0]);
  return 2;
}
