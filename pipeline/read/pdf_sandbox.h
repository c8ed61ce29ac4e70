// Read stage, for PDFs that may hurt: a PDF read in a child process under a
// time and a memory bound, so that a file that makes Poppler loop, explode in
// memory or crash fails alone and the batch goes on.
//
// In:  a PDF's path, the program to run as the child (budgetdb-read-pdf,
//      which calls RunReadPdf, run as `PROGRAM read-pdf --page-threads N
//      PATH`), and PdfLimits.
// Out: the RawDocument the child read (its pages and lines, with their text
//      flow and their boxes; not the words, which no later stage needs), handed over
//      through a pipe in a small binary format (a refusal as a line of text).
// Fails: the child's own Status (encrypted, damaged, empty ...) as it gave it;
//        TimedOut when it ran past `seconds` (of CPU or of wall-clock time,
//        twice that), TooLarge when it needed more than `megabytes` of memory,
//        Damaged when it died otherwise (Poppler crashed: the signal is
//        named); Unreadable when the child cannot be started.
// Thread safety: many documents may be read at once, each in its own child.
#pragma once

#include <chrono>
#include <filesystem>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "read/reader.h"

namespace budgetdb {

struct PdfLimits {
  int seconds = 120;     // CPU seconds of the child; wall-clock twice that
  int megabytes = 2048;  // address space of the child, the program itself included (about 150 MB)
  Status Validate() const;
};

Result<RawDocument> ParsePdfIsolated(const std::filesystem::path& path, const std::filesystem::path& program,
                                     int page_threads, const PdfLimits& limits);

// ParsePdfIsolated in two halves, for a reader started before its document's
// turn: Start starts the child (vfork and exec); Finish waits for its
// document (the time bound counts from Start). Destroyed unfinished, it kills
// the child and reaps it.
// The child dies with the thread that started it: start it from one that
// outlives it.
class PdfReaderProcess {
 public:
  static Result<PdfReaderProcess> Start(const std::filesystem::path& path, const std::filesystem::path& program,
                                        int page_threads, const PdfLimits& limits);
  Result<RawDocument> Finish();
  const std::filesystem::path& path() const { return path_; }

  PdfReaderProcess(PdfReaderProcess&& other) noexcept;
  PdfReaderProcess& operator=(PdfReaderProcess&& other) noexcept;
  ~PdfReaderProcess();

 private:
  PdfReaderProcess() = default;
  void KillAndReap();
  std::filesystem::path path_;
  std::string program_;
  PdfLimits limits_;
  int child_ = -1;  // pid; -1 once finished
  int out_fd_ = -1, err_fd_ = -1;
  std::chrono::steady_clock::time_point deadline_;
};

// The child's side: reads `path` and writes the document, or the reason it
// could not, to `out`. Returns the process's exit status. Defined apart
// (read/pdf_reader_child.cpp, in the library that links Poppler): budgetdb
// itself never opens a PDF, and starts without Poppler's thirty libraries.
int RunReadPdf(const std::filesystem::path& path, int page_threads, std::ostream& out);
inline constexpr int kReaderExitRefused = 3;      // the child wrote why it could not read the PDF
inline constexpr int kReaderExitOutOfMemory = 4;  // an allocation failed under the memory bound

// The child's environment: this process's, GLIBC_TUNABLES asking for huge
// pages unless it says otherwise. Exposed for tests.
std::vector<std::string> ReaderEnvironment();

// The format between the two, exposed for tests.
std::string SerializeRawDocument(const RawDocument& document);
// A refusal, "error CODE LENGTH\nMESSAGE\n" (the out-of-memory handler writes
// "error 0 0\n\n" without allocating).
std::string SerializeRefusal(const Status& status);
Result<RawDocument> DeserializeRawDocument(std::string_view bytes, const std::filesystem::path& path);

}  // namespace budgetdb
