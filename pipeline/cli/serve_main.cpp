// budgetdb-serve: `budgetdb serve`, the web view (serve/server.h), as a program
// of its own beside budgetdb. It alone links cpp-httplib (with OpenSSL and
// Brotli) and Poppler's renderer for page images: budgetdb, which runs once a
// document, starts without them (about 15 ms less a run). budgetdb parses the
// command line, then starts this program as:
//   budgetdb-serve serve DATABASE HOST PORT
// Exit status: RunServe's; 2 for any other arguments.
#include <charconv>
#include <cstdio>
#include <iostream>
#include <string_view>

#include "serve/server.h"

int main(int argc, char** argv) {
  budgetdb::ServeOptions options;
  if (argc == 5 && std::string_view(argv[1]) == "serve") {
    options.database = argv[2];
    options.host = argv[3];
    const std::string_view port = argv[4];
    const auto [end, error] = std::from_chars(port.data(), port.data() + port.size(), options.port);
    if (error == std::errc() && end == port.data() + port.size() && options.port >= 0 && options.port <= 65535)
      return budgetdb::RunServe(options, std::cout, std::cerr);
  }
  std::fprintf(stderr, "usage: %s serve DATABASE HOST PORT (run as budgetdb serve)\n", argv[0]);
  return 2;
}
