#include "read/reader.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <system_error>

namespace budgetdb {

const char* FormatName(DocumentFormat format) {
  return format == DocumentFormat::kPdf ? "pdf" : "text";
}

Result<DocumentFormat> FormatFromPath(const std::filesystem::path& path) {
  std::string extension = path.extension().string();
  for (char& c : extension) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (extension == ".pdf") return DocumentFormat::kPdf;
  if (extension == ".txt" || extension == ".md") return DocumentFormat::kText;
  return Status::Unsupported(
      fmt::format("'{}' files are not read (expected .pdf, .txt or .md)", extension));
}

Result<std::string> ReadFileBytes(const std::filesystem::path& path, uint64_t max_bytes) {
  // Opened without blocking, so that a FIFO named on the command line cannot
  // hang the batch before fstat says what it is.
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) {
    if (errno == ENOENT) return Status::NotFound("no such file or directory");
    if (errno == EISDIR) return Status::Unreadable("is a directory");
    return Status::Unreadable(std::strerror(errno));
  }
  struct stat info {};
  if (::fstat(fd, &info) != 0) {
    const std::string reason = std::strerror(errno);
    ::close(fd);
    return Status::Unreadable(reason);
  }
  if (!S_ISREG(info.st_mode)) {
    ::close(fd);
    if (S_ISDIR(info.st_mode)) return Status::Unreadable("is a directory");
    const char* what = S_ISFIFO(info.st_mode)   ? "a FIFO"
                       : S_ISCHR(info.st_mode)  ? "a character device"
                       : S_ISBLK(info.st_mode)  ? "a block device"
                       : S_ISSOCK(info.st_mode) ? "a socket"
                                                : "not a file";
    return Status::Unsupported(fmt::format("not a regular file ({})", what));
  }
  const auto too_large = [&] {
    return Status::TooLarge(fmt::format("larger than {} MB (--max-file-mb)", max_bytes >> 20));
  };
  if (static_cast<uint64_t>(info.st_size) > max_bytes) {
    ::close(fd);
    return too_large();
  }
  std::string bytes;
  bytes.reserve(static_cast<size_t>(info.st_size));
  // POSIX reads, because an I/O error must not pass for the end of the file.
  char buffer[1 << 16];
  for (;;) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      const std::string reason = std::strerror(errno);
      ::close(fd);
      return Status::Unreadable(reason);
    }
    bytes.append(buffer, static_cast<size_t>(n));
    if (bytes.size() > max_bytes) {  // it grew while being read
      ::close(fd);
      return too_large();
    }
  }
  ::close(fd);
  return bytes;
}

}  // namespace budgetdb
