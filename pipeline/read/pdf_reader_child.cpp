// The PDF reader's child side (read/pdf_sandbox.h): Poppler runs here, in
// budgetdb-read-pdf, never in budgetdb itself.
#include <unistd.h>

#include <new>

#include "read/pdf_sandbox.h"

namespace budgetdb {
namespace {

// Under the memory bound an allocation fails: say so without allocating.
void NewHandlerOutOfMemory() {
  static const char kMessage[] = "error 0 0\n\n";
  (void)!write(STDOUT_FILENO, kMessage, sizeof kMessage - 1);
  _exit(kReaderExitOutOfMemory);
}

}  // namespace

int RunReadPdf(const std::filesystem::path& path, int page_threads, std::ostream& out) {
  std::set_new_handler(NewHandlerOutOfMemory);
  auto bytes = ReadFileBytes(path);
  Result<RawDocument> document = bytes.ok() ? ParsePdf(path, bytes.value(), {}, page_threads)
                                            : Result<RawDocument>(bytes.status());
  if (!document.ok()) {
    out << SerializeRefusal(document.status()) << std::flush;
    return kReaderExitRefused;
  }
  out << SerializeRawDocument(document.value()) << std::flush;
  return out ? 0 : kReaderExitRefused;
}

}  // namespace budgetdb
