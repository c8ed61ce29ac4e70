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

#include <chrono>
#include <cstring>
#include <new>

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

constexpr std::string_view kMagic = "budgetdb-raw 1\n";
constexpr int kExitRefused = 3;      // the child wrote why it could not read the PDF
constexpr int kExitOutOfMemory = 4;  // an allocation failed under the memory bound

void AppendRecord(std::string& out, std::string_view head, std::string_view bytes) {
  out += fmt::format("{} {}\n", head, bytes.size());
  out += bytes;
  out += '\n';
}

// Reads the format back: words up to a line's end, then counted bytes.
class Cursor {
 public:
  explicit Cursor(std::string_view bytes) : bytes_(bytes) {}
  bool Line(std::string_view& line) {
    const size_t end = bytes_.find('\n');
    if (end == std::string_view::npos) return false;
    line = bytes_.substr(0, end);
    bytes_.remove_prefix(end + 1);
    return true;
  }
  bool Bytes(size_t count, std::string& out) {
    if (bytes_.size() < count + 1 || bytes_[count] != '\n') return false;
    out.assign(bytes_.substr(0, count));
    bytes_.remove_prefix(count + 1);
    return true;
  }

 private:
  std::string_view bytes_;
};

std::vector<std::string_view> Words(std::string_view line) {
  std::vector<std::string_view> words;
  size_t start = 0;
  while (start <= line.size()) {
    const size_t end = std::min(line.find(' ', start), line.size());
    words.push_back(line.substr(start, end - start));
    start = end + 1;
  }
  return words;
}

void NewHandlerOutOfMemory() {
  static const char kMessage[] = "error 0 0\n\n";
  (void)!write(STDOUT_FILENO, kMessage, sizeof kMessage - 1);
  _exit(kExitOutOfMemory);
}

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

namespace {
Result<RawDocument> DeserializeOrThrow(std::string_view bytes, const std::filesystem::path& path);
}  // namespace

std::string SerializeRawDocument(const RawDocument& document) {
  std::string out(kMagic);
  AppendRecord(out, "title", document.metadata_title);
  for (const std::string& warning : document.warnings) AppendRecord(out, "warning", warning);
  for (const RawPage& page : document.pages) {
    out += fmt::format("page {} {}\n", page.number, page.lines.size());
    for (const SourceLine& line : page.lines) {
      const TextFlow& f = line.flow;
      const LineBox box = line.box.value_or(LineBox{});  // none: all 0
      AppendRecord(out,
                   fmt::format("line {} {} {} {} {} {} {} {} {} {} {}", line.number, f.known ? 1 : 0, f.left,
                               f.text_left, f.right, f.right_margin, f.first_word_width, box.x0, box.y0, box.x1,
                               box.y1),
                   line.text);
    }
  }
  out += "end\n";
  return out;
}

Result<RawDocument> DeserializeRawDocument(std::string_view bytes, const std::filesystem::path& path) {
  // Numbers that do not parse throw; the answer is then as broken as a missing record.
  try {
    return DeserializeOrThrow(bytes, path);
  } catch (const std::exception&) {
    return Status::Damaged("the reader of the PDF gave an unreadable answer");
  }
}

namespace {

Result<RawDocument> DeserializeOrThrow(std::string_view bytes, const std::filesystem::path& path) {
  auto broken = [&] { return Status::Damaged("the reader of the PDF gave an unreadable answer"); };
  Cursor cursor(bytes);
  std::string_view line;
  std::vector<std::string_view> words;
  if (!cursor.Line(line)) return broken();
  words = Words(line);
  if (words.size() == 3 && words[0] == "error") {
    std::string message;
    if (!cursor.Bytes(std::stoul(std::string(words[2])), message)) return broken();
    switch (static_cast<Status::Code>(std::stoi(std::string(words[1])))) {
      case Status::Code::kEncrypted: return Status::Encrypted(message);
      case Status::Code::kEmpty: return Status::Empty(message);
      case Status::Code::kUnreadable: return Status::Unreadable(message);
      case Status::Code::kNotFound: return Status::NotFound(message);
      default: return Status::Damaged(message);
    }
  }
  if (std::string(line) + "\n" != kMagic) return broken();
  RawDocument document;
  document.path = path;
  document.format = DocumentFormat::kPdf;
  document.encoding = "pdf";
  document.paginated = true;
  if (!cursor.Line(line) || (words = Words(line)).size() != 2 || words[0] != "title" ||
      !cursor.Bytes(std::stoul(std::string(words[1])), document.metadata_title))
    return broken();
  while (cursor.Line(line)) {
    words = Words(line);
    if (words.size() == 1 && words[0] == "end") return document;
    if (words.size() == 2 && words[0] == "warning") {
      std::string warning;
      if (!cursor.Bytes(std::stoul(std::string(words[1])), warning)) return broken();
      document.warnings.push_back(std::move(warning));
      continue;
    }
    if (words.size() != 3 || words[0] != "page") return broken();
    RawPage page;
    page.number = std::stoi(std::string(words[1]));
    const size_t count = std::stoul(std::string(words[2]));
    for (size_t k = 0; k < count; ++k) {
      if (!cursor.Line(line) || (words = Words(line)).size() != 13 || words[0] != "line") return broken();
      SourceLine source;
      source.number = std::stoi(std::string(words[1]));
      source.flow = TextFlow{words[2] == "1",
                             std::stod(std::string(words[3])),
                             std::stod(std::string(words[4])),
                             std::stod(std::string(words[5])),
                             std::stod(std::string(words[6])),
                             std::stod(std::string(words[7]))};
      const LineBox box{std::stod(std::string(words[8])), std::stod(std::string(words[9])),
                        std::stod(std::string(words[10])), std::stod(std::string(words[11]))};
      if (box.x1 > box.x0) source.box = box;
      if (!cursor.Bytes(std::stoul(std::string(words[12])), source.text)) return broken();
      page.lines.push_back(std::move(source));
    }
    document.pages.push_back(std::move(page));
  }
  return broken();
}

}  // namespace

int RunReadPdf(const std::filesystem::path& path, int page_threads, std::ostream& out) {
  std::set_new_handler(NewHandlerOutOfMemory);
  auto bytes = ReadFileBytes(path);
  Result<RawDocument> document = bytes.ok() ? ParsePdf(path, bytes.value(), {}, page_threads)
                                            : Result<RawDocument>(bytes.status());
  if (!document.ok()) {
    std::string record;
    AppendRecord(record, fmt::format("error {}", static_cast<int>(document.status().code())),
                 document.status().message());
    out << record << std::flush;
    return kExitRefused;
  }
  out << SerializeRawDocument(document.value()) << std::flush;
  return out ? 0 : kExitRefused;
}

Result<RawDocument> ParsePdfIsolated(const std::filesystem::path& path, const std::filesystem::path& program,
                                     int page_threads, const PdfLimits& limits) {
  int out_pipe[2], err_pipe[2];
  if (pipe2(out_pipe, O_CLOEXEC) != 0) return Status::Unreadable(std::strerror(errno));
  if (pipe2(err_pipe, O_CLOEXEC) != 0) {
    close(out_pipe[0]);
    close(out_pipe[1]);
    return Status::Unreadable(std::strerror(errno));
  }
  const std::string program_path = program.string(), file = path.string(), threads = std::to_string(page_threads);
  const char* argv[] = {program_path.c_str(), "read-pdf", "--page-threads", threads.c_str(), file.c_str(), nullptr};
  const rlim_t memory = static_cast<rlim_t>(limits.megabytes) * 1024 * 1024;
  const rlim_t cpu = static_cast<rlim_t>(limits.seconds);

  const pid_t parent = getpid();
  const pid_t child = fork();
  if (child < 0) {
    for (int fd : {out_pipe[0], out_pipe[1], err_pipe[0], err_pipe[1]}) close(fd);
    return Status::Unreadable(fmt::format("cannot start the PDF reader: {}", std::strerror(errno)));
  }
  if (child == 0) {
    // Between fork and exec only async-signal-safe calls: the parent has threads.
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
    execv(argv[0], const_cast<char* const*>(argv));
    _exit(127);
  }
  close(out_pipe[1]);
  close(err_pipe[1]);
  std::string out, err;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(2 * limits.seconds);
  const bool finished = ReadUntil(out_pipe[0], err_pipe[0], out, err, deadline);
  if (!finished) kill(child, SIGKILL);
  close(out_pipe[0]);
  close(err_pipe[0]);
  int status = 0;
  while (waitpid(child, &status, 0) < 0 && errno == EINTR) {
  }

  if (!finished || (WIFSIGNALED(status) && WTERMSIG(status) == SIGXCPU))
    return Status::TimedOut(fmt::format("reading it took more than {} s (the bound; see --pdf-seconds)", limits.seconds));
  if (WIFEXITED(status) && WEXITSTATUS(status) == kExitOutOfMemory)
    return Status::TooLarge(
        fmt::format("reading it needed more than {} MB (the bound; see --pdf-memory-mb)", limits.megabytes));
  if (WIFSIGNALED(status))
    return Status::Damaged(fmt::format("Poppler crashed reading it ({}){}", strsignal(WTERMSIG(status)),
                                       err.empty() ? "" : ": " + err.substr(0, 300)));
  if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
    return Status::Unreadable(fmt::format("cannot start the PDF reader {}", program_path));
  return DeserializeRawDocument(out, path);
}

}  // namespace budgetdb
