// The budgetdb command: starts the program proper, budgetdb-core, which lies
// beside it, with glibc's malloc set to back its memory with huge pages
// (common/malloc_settings.h). A document's ingest touches tens of megabytes once
// (the Swedish dictionary, the grammars, the document's text and rows), and
// under these machines' virtual machine every 4 KiB page touched costs a
// fault: with huge pages the budget seed text goes in 0.17 -> 0.14 s and the
// ReportLab budget PDF 0.42 -> 0.38 s (paired runs). Linked statically, with
// no library to load, it costs well under a millisecond.
// Fails: exit status 3 and a line naming budgetdb-core when that cannot run.
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "common/malloc_settings.h"
#include "common/programs.h"

int main(int, char** argv) {
  const std::string core = budgetdb::ProgramBesideThisOne("budgetdb-core", argv[0]);
  setenv("GLIBC_TUNABLES", budgetdb::MallocTunables(std::getenv("GLIBC_TUNABLES")).c_str(), 1);
  execv(core.c_str(), argv);  // argv[0] stays: usage lines name the command as it was typed
  std::fprintf(stderr, "budgetdb: cannot run %s: %s\n", core.c_str(), std::strerror(errno));
  return 3;
}
