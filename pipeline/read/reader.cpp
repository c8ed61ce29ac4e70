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

Status PdfLineSettings::Validate() const {
  if (!(same_line_tolerance > 0 && same_line_tolerance <= 1))
    return Status::Invalid("pdf same_line_tolerance must be in (0, 1]");
  if (!(cell_gap_heights > 0)) return Status::Invalid("pdf cell_gap_heights must be positive");
  if (!(paragraph_gap_heights > 0)) return Status::Invalid("pdf paragraph_gap_heights must be positive");
  if (!(paragraph_gap_over_usual_heights > 0))
    return Status::Invalid("pdf paragraph_gap_over_usual_heights must be positive");
  if (!(table_gutter_heights > 0) || !(table_widest_gutter_heights >= table_gutter_heights) ||
      !(table_row_gap_heights > 0) || !(cell_leading_margin_heights > 0) ||
      !(cell_leading_max_heights >= cell_leading_margin_heights))
    return Status::Invalid("pdf table settings must be positive");
  if (!(list_indent_min_heights > 0) || !(list_indent_max_heights >= list_indent_min_heights))
    return Status::Invalid("pdf list indents must be positive, the most at least the least");
  if (!(cut_row_gap_max_heights >= 0)) return Status::Invalid("pdf cut_row_gap_max_heights must not be negative");
  if (!(full_line_slack_heights >= 0)) return Status::Invalid("pdf full_line_slack_heights must not be negative");
  if (!(table_column_tolerance >= 0)) return Status::Invalid("pdf table_column_tolerance must not be negative");
  return Status();
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

Result<RawDocument> ParseDocument(const std::filesystem::path& path, DocumentFormat format,
                                  std::string_view bytes, const ReadSettings& settings) {
  if (bytes.empty()) return Status::Empty("empty file (0 bytes)");
  if (format == DocumentFormat::kPdf) return ParsePdf(path, bytes, settings.pdf_lines, settings.pdf_page_threads);
  return ParseText(path, bytes);
}

}  // namespace budgetdb
