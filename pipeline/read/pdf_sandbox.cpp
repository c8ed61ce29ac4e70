// A PDF read in a child process under rlimits; the document comes back through a pipe.
#include "read/pdf_sandbox.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <charconv>
#include <chrono>
#include <cstring>
#include <new>
#include <optional>
#include <type_traits>
#include <utility>
#include <vector>

#include "common/malloc_settings.h"

namespace budgetdb {

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kAddressSanitizer = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kAddressSanitizer = true;
#else
constexpr bool kAddressSanitizer = false;
#endif
#else
constexpr bool kAddressSanitizer = false;
#endif

namespace {

// The document comes back in binary (numbers as the machine holds them:
// parent and child are one program on one machine), each string after its
// length. Text took a quarter of read-pdf's output time to print and as long
// again to parse. A refusal comes back as text, "error CODE LENGTH\nMESSAGE\n",
// which the handler of a failed allocation writes without allocating.
constexpr std::string_view kMagic = "budgetdb-raw 2\n";
// A 300-page budget's answer is 1.5 MB: read into room made once, not grown
// by doublings (each a fresh allocation whose pages fault).
constexpr size_t kExpectedAnswerBytes = size_t{2} << 20;

void AppendRecord(std::string& out, std::string_view head, std::string_view bytes) {
  out += fmt::format("{} {}\n", head, bytes.size());
  out += bytes;
  out += '\n';
}

// Where the format is written: a std::string, or ByteCount to measure it first.
struct ByteCount {
  size_t size = 0;
  void append(const char*, size_t bytes) { size += bytes; }
  void append(std::string_view text) { size += text.size(); }
};

template <typename Out, typename Number>
void Put(Out& out, Number value) {
  static_assert(std::is_arithmetic_v<Number>);
  out.append(reinterpret_cast<const char*>(&value), sizeof value);
}
template <typename Out>
void PutString(Out& out, std::string_view text) {
  Put(out, static_cast<uint32_t>(text.size()));
  out.append(text);
}

template <typename Out>
void WriteRawDocument(Out& out, const RawDocument& document) {
  out.append(kMagic);
  PutString(out, document.metadata_title);
  Put(out, static_cast<uint32_t>(document.warnings.size()));
  for (const std::string& warning : document.warnings) PutString(out, warning);
  Put(out, static_cast<uint32_t>(document.pages.size()));
  for (const RawPage& page : document.pages) {
    Put(out, static_cast<int32_t>(page.number));
    Put(out, static_cast<uint32_t>(page.lines.size()));
    for (const SourceLine& line : page.lines) {
      const TextFlow& f = line.flow;
      const LineBox box = line.box.value_or(LineBox{});  // none: all 0
      Put(out, static_cast<int32_t>(line.number));
      Put(out, static_cast<uint8_t>(f.known ? 1 : 0));
      for (double value : {f.left, f.text_left, f.right, f.right_margin, f.first_word_width, box.x0, box.y0, box.x1,
                           box.y1})
        Put(out, value);
      PutString(out, line.text);
    }
  }
}

// Reads the binary format back; any read past the end leaves it failed.
class BinaryCursor {
 public:
  explicit BinaryCursor(std::string_view bytes) : bytes_(bytes) {}
  template <typename Number>
  Number Get() {
    Number value{};
    if (bytes_.size() < sizeof value) {
      failed_ = true;
      return value;
    }
    std::memcpy(&value, bytes_.data(), sizeof value);
    bytes_.remove_prefix(sizeof value);
    return value;
  }
  std::string GetString() {
    const uint32_t size = Get<uint32_t>();
    if (failed_ || bytes_.size() < size) {
      failed_ = true;
      return {};
    }
    std::string text(bytes_.substr(0, size));
    bytes_.remove_prefix(size);
    return text;
  }
  bool failed() const { return failed_; }
  bool at_end() const { return bytes_.empty(); }

 private:
  std::string_view bytes_;
  bool failed_ = false;
};

// Everything a file descriptor gives until it closes or `deadline` passes.
bool ReadUntil(int out_fd, int err_fd, std::string& out, std::string& err,
               std::chrono::steady_clock::time_point deadline) {
  pollfd fds[2] = {{out_fd, POLLIN, 0}, {err_fd, POLLIN, 0}};
  int open = 2;
  char buffer[1 << 16];
  while (open > 0) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    const int ready = poll(fds, 2, static_cast<int>(left.count()));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) return ready == 0 ? false : true;
    for (int k = 0; k < 2; ++k) {
      if (fds[k].fd < 0 || !(fds[k].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      const ssize_t n = read(fds[k].fd, buffer, sizeof buffer);
      if (n > 0) {
        (k == 0 ? out : err).append(buffer, static_cast<size_t>(n));
      } else if (n == 0 || errno != EINTR) {
        fds[k].fd = -1;
        --open;
      }
    }
  }
  return true;
}

}  // namespace

Status PdfLimits::Validate() const {
  if (seconds < 1) return Status::Invalid("the time bound of a PDF must be at least 1 s");
  if (megabytes < 64) return Status::Invalid("the memory bound of a PDF must be at least 64 MB");
  return Status();
}

std::string SerializeRawDocument(const RawDocument& document) {
  // Measured first, so that the string is allocated once: growing it through
  // a dozen doublings touched twice its megabytes, each page a fault.
  ByteCount size;
  WriteRawDocument(size, document);
  std::string out;
  out.reserve(size.size);
  WriteRawDocument(out, document);
  return out;
}

Result<RawDocument> DeserializeRawDocument(std::string_view bytes, const std::filesystem::path& path) {
  auto broken = [&] { return Status::Damaged("the reader of the PDF gave an unreadable answer"); };
  if (bytes.starts_with("error ")) {
    // "error CODE LENGTH\nMESSAGE\n"
    int code = 0;
    size_t length = 0;
    const char* end = bytes.data() + bytes.size();
    auto [after_code, code_error] = std::from_chars(bytes.data() + 6, end, code);
    if (code_error != std::errc() || after_code == end || *after_code != ' ') return broken();
    auto [after_length, length_error] = std::from_chars(after_code + 1, end, length);
    if (length_error != std::errc() || after_length == end || *after_length != '\n' ||
        static_cast<size_t>(end - after_length) != length + 2 || end[-1] != '\n')
      return broken();
    const std::string message(after_length + 1, length);
    switch (static_cast<Status::Code>(code)) {
      case Status::Code::kEncrypted: return Status::Encrypted(message);
      case Status::Code::kEmpty: return Status::Empty(message);
      case Status::Code::kUnreadable: return Status::Unreadable(message);
      case Status::Code::kNotFound: return Status::NotFound(message);
      default: return Status::Damaged(message);
    }
  }
  if (!bytes.starts_with(kMagic)) return broken();
  BinaryCursor cursor(bytes.substr(kMagic.size()));
  RawDocument document;
  document.path = path;
  document.format = DocumentFormat::kPdf;
  document.encoding = "pdf";
  document.paginated = true;
  document.metadata_title = cursor.GetString();
  const uint32_t warnings = cursor.Get<uint32_t>();
  for (uint32_t k = 0; k < warnings && !cursor.failed(); ++k) document.warnings.push_back(cursor.GetString());
  const uint32_t pages = cursor.Get<uint32_t>();
  for (uint32_t p = 0; p < pages && !cursor.failed(); ++p) {
    RawPage& page = document.pages.emplace_back();
    page.number = cursor.Get<int32_t>();
    const uint32_t lines = cursor.Get<uint32_t>();
    // (A count is not trusted to reserve: a broken one would ask for gigabytes.)
    for (uint32_t k = 0; k < lines && !cursor.failed(); ++k) {
      SourceLine& line = page.lines.emplace_back();
      line.number = cursor.Get<int32_t>();
      line.flow.known = cursor.Get<uint8_t>() == 1;
      line.flow.left = cursor.Get<double>();
      line.flow.text_left = cursor.Get<double>();
      line.flow.right = cursor.Get<double>();
      line.flow.right_margin = cursor.Get<double>();
      line.flow.first_word_width = cursor.Get<double>();
      LineBox box;
      box.x0 = cursor.Get<double>();
      box.y0 = cursor.Get<double>();
      box.x1 = cursor.Get<double>();
      box.y1 = cursor.Get<double>();
      if (box.x1 > box.x0) line.box = box;
      line.text = cursor.GetString();
    }
  }
  if (cursor.failed() || !cursor.at_end()) return broken();
  return document;
}

std::string SerializeRefusal(const Status& status) {
  std::string record;
  AppendRecord(record, fmt::format("error {}", static_cast<int>(status.code())), status.message());
  return record;
}

std::vector<std::string> ReaderEnvironment() {
  // The reader allocates tens of megabytes in small pieces and lives a
  // fraction of a second: huge pages save it a third of its page faults,
  // about 8 % of its CPU time on the budget PDFs, and a deeper cache of freed
  // pieces 9 % more (common/malloc_settings.h).
  constexpr std::string_view kTunables = "GLIBC_TUNABLES=";
  std::vector<std::string> variables;
  std::optional<std::string> tunables;
  for (char** variable = environ; *variable != nullptr; ++variable) {
    const std::string_view text = *variable;
    if (text.starts_with(kTunables)) tunables = std::string(text.substr(kTunables.size()));
    else variables.emplace_back(text);
  }
  variables.push_back(std::string(kTunables) + ReaderMallocTunables(tunables ? tunables->c_str() : nullptr));
  return variables;
}

Result<RawDocument> ParsePdfIsolated(const std::filesystem::path& path, const std::filesystem::path& program,
                                     int page_threads, const PdfLimits& limits) {
  auto reader = PdfReaderProcess::Start(path, program, page_threads, limits);
  if (!reader.ok()) return reader.status();
  return reader->Finish();
}

Result<PdfReaderProcess> PdfReaderProcess::Start(const std::filesystem::path& path,
                                                 const std::filesystem::path& program, int page_threads,
                                                 const PdfLimits& limits) {
  int out_pipe[2], err_pipe[2];
  if (pipe2(out_pipe, O_CLOEXEC) != 0) return Status::Unreadable(std::strerror(errno));
  if (pipe2(err_pipe, O_CLOEXEC) != 0) {
    close(out_pipe[0]);
    close(out_pipe[1]);
    return Status::Unreadable(std::strerror(errno));
  }
  const std::string program_path = program.string(), file = path.string(), threads = std::to_string(page_threads);
  const char* argv[] = {program_path.c_str(), "read-pdf", "--page-threads", threads.c_str(), file.c_str(), nullptr};
  const std::vector<std::string> environment = ReaderEnvironment();  // made here: the child may only exec
  std::vector<const char*> envp;
  for (const std::string& variable : environment) envp.push_back(variable.c_str());
  envp.push_back(nullptr);
  const rlim_t memory = static_cast<rlim_t>(limits.megabytes) * 1024 * 1024;
  const rlim_t cpu = static_cast<rlim_t>(limits.seconds);

  const pid_t parent = getpid();
  const pid_t child = vfork();
  if (child < 0) {
    for (int fd : {out_pipe[0], out_pipe[1], err_pipe[0], err_pipe[1]}) close(fd);
    return Status::Unreadable(fmt::format("cannot start the PDF reader: {}", std::strerror(errno)));
  }
  if (child == 0) {
    // vfork, not fork: the child borrows the parent's memory until it execs,
    // instead of a copy-on-write share of it. After a fork every huge page of
    // the parent's heap that the parent wrote before the child had exec'd was
    // split into 4 kB pages, each then faulted in on its own (some 700 page
    // faults a PDF, under these machines' virtual machine 10-15 us each). The
    // child below only makes system calls: no allocation, no return, and no
    // signal handler of the batch's can run in it (the batch installs none).
    // The reader dies with the batch (a kill -9 of budgetdb leaves no reader behind).
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) _exit(127);  // the batch died before the line above
    const rlimit memory_limit{memory, memory}, cpu_limit{cpu, cpu + 1};
    // (Not under AddressSanitizer, whose shadow memory alone is terabytes of
    // address space: the sanitize preset's tests run without a memory bound.)
    if (!kAddressSanitizer) setrlimit(RLIMIT_AS, &memory_limit);
    setrlimit(RLIMIT_CPU, &cpu_limit);
    dup2(out_pipe[1], STDOUT_FILENO);
    dup2(err_pipe[1], STDERR_FILENO);
    execve(argv[0], const_cast<char* const*>(argv), const_cast<char* const*>(envp.data()));
    _exit(127);
  }
  close(out_pipe[1]);
  close(err_pipe[1]);
  PdfReaderProcess reader;
  reader.path_ = path;
  reader.program_ = program_path;
  reader.limits_ = limits;
  reader.child_ = child;
  reader.out_fd_ = out_pipe[0];
  reader.err_fd_ = err_pipe[0];
  reader.deadline_ = std::chrono::steady_clock::now() + std::chrono::seconds(2 * limits.seconds);
  return reader;
}

Result<RawDocument> PdfReaderProcess::Finish() {
  if (child_ < 0) return Status::Internal("the PDF reader was already waited for");
  std::string out, err;
  out.reserve(kExpectedAnswerBytes);
  const bool finished = ReadUntil(out_fd_, err_fd_, out, err, deadline_);
  if (!finished) kill(child_, SIGKILL);
  close(out_fd_);
  close(err_fd_);
  out_fd_ = err_fd_ = -1;
  int status = 0;
  while (waitpid(child_, &status, 0) < 0 && errno == EINTR) {
  }
  child_ = -1;

  if (!finished || (WIFSIGNALED(status) && WTERMSIG(status) == SIGXCPU))
    return Status::TimedOut(
        fmt::format("reading it took more than {} s (the bound; see --pdf-seconds)", limits_.seconds));
  // Out of memory under the bound: our allocations exit with kReaderExitOutOfMemory;
  // Poppler's own allocator (gmem) says "Out of memory" and aborts instead.
  const bool poppler_out_of_memory =
      WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT && err.find("Out of memory") != std::string::npos;
  if ((WIFEXITED(status) && WEXITSTATUS(status) == kReaderExitOutOfMemory) || poppler_out_of_memory)
    return Status::TooLarge(
        fmt::format("reading it needed more than {} MB (the bound; see --pdf-memory-mb)", limits_.megabytes));
  if (WIFSIGNALED(status))
    return Status::Damaged(fmt::format("Poppler crashed reading it ({}){}", strsignal(WTERMSIG(status)),
                                       err.empty() ? "" : ": " + err.substr(0, 300)));
  if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
    return Status::Unreadable(fmt::format("cannot start the PDF reader {}", program_));
  return DeserializeRawDocument(out, path_);
}

void PdfReaderProcess::KillAndReap() {
  if (child_ < 0) return;
  kill(child_, SIGKILL);
  for (int fd : {out_fd_, err_fd_})
    if (fd >= 0) close(fd);
  int status = 0;
  while (waitpid(child_, &status, 0) < 0 && errno == EINTR) {
  }
  child_ = out_fd_ = err_fd_ = -1;
}

PdfReaderProcess::PdfReaderProcess(PdfReaderProcess&& other) noexcept { *this = std::move(other); }

PdfReaderProcess& PdfReaderProcess::operator=(PdfReaderProcess&& other) noexcept {
  if (this != &other) {
    KillAndReap();
    path_ = std::move(other.path_);
    program_ = std::move(other.program_);
    limits_ = other.limits_;
    child_ = std::exchange(other.child_, -1);
    out_fd_ = std::exchange(other.out_fd_, -1);
    err_fd_ = std::exchange(other.err_fd_, -1);
    deadline_ = other.deadline_;
  }
  return *this;
}

PdfReaderProcess::~PdfReaderProcess() { KillAndReap(); }

}  // namespace budgetdb
