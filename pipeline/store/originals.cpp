#include "store/originals.h"

#include <fmt/format.h>
#include <sys/stat.h>
#include <libdeflate.h>

#include <ctime>
#include <memory>
#include <new>
#include <stdexcept>

namespace budgetdb {

namespace {

// libdeflate writes the zlib format sqlar asks for (`sqlite3 -Ax` inflates it
// with zlib) in half zlib's time at its fastest level, and smaller: the budget
// seed text 308 -> 275 KB, its ReportLab PDF 18 -> 9 ms.
constexpr int kLevel = 1;
struct FreeLibdeflate {
  void operator()(libdeflate_compressor* compressor) const { libdeflate_free_compressor(compressor); }
  void operator()(libdeflate_decompressor* decompressor) const { libdeflate_free_decompressor(decompressor); }
};
using Compressor = std::unique_ptr<libdeflate_compressor, FreeLibdeflate>;
Compressor NewCompressor() {
  Compressor compressor(libdeflate_alloc_compressor(kLevel));
  if (compressor == nullptr) throw std::bad_alloc();
  return compressor;
}

// `bytes` deflated, or empty when that is no smaller.
std::string Deflate(libdeflate_compressor* compressor, std::string_view bytes) {
  std::string packed(libdeflate_zlib_compress_bound(compressor, bytes.size()), '\0');
  const size_t size = libdeflate_zlib_compress(compressor, bytes.data(), bytes.size(), packed.data(), packed.size());
  if (size == 0 || size >= bytes.size()) return {};
  packed.resize(size);
  return packed;
}

// Whether deflating `bytes` would save enough to be worth its time, judged
// on a few slices of them: most of a PDF is streams compressed already
// (LibreOffice's and groff's budget PDFs keep 94-95 % of their size; deflating
// one cost 25 ms of CPU for that), while a browser's PDF or a text halves.
bool WorthCompressing(libdeflate_compressor* compressor, std::string_view bytes) {
  constexpr size_t kSlice = 16 << 10, kSlices = 4;
  constexpr double kWorthIt = 0.9;  // of the size at most, or stored as is
  if (bytes.size() < 2 * kSlice * kSlices) return true;  // small: deflating all of it is as cheap
  size_t packed_total = 0;
  for (size_t k = 0; k < kSlices; ++k) {
    const size_t offset = k * (bytes.size() - kSlice) / (kSlices - 1);  // the first slice to the last
    const std::string packed = Deflate(compressor, bytes.substr(offset, kSlice));
    packed_total += packed.empty() ? kSlice : packed.size();
  }
  return static_cast<double>(packed_total) < kWorthIt * static_cast<double>(kSlice * kSlices);
}

}  // namespace

std::string OriginalFolder(std::string_view sha256) { return fmt::format("originals/{}/", sha256); }

StoredOriginal PackOriginal(const std::filesystem::path& file, std::string_view bytes, std::string_view sha256) {
  StoredOriginal original;
  original.name = OriginalFolder(sha256) + file.filename().string();
  original.size = static_cast<int64_t>(bytes.size());
  struct stat info {};
  if (::stat(file.c_str(), &info) == 0) {
    original.mode = static_cast<int64_t>(info.st_mode);
    original.mtime = static_cast<int64_t>(info.st_mtime);
  } else {
    original.mode = S_IFREG | 0644;
    original.mtime = static_cast<int64_t>(std::time(nullptr));
  }
  const Compressor compressor = NewCompressor();
  std::string packed = WorthCompressing(compressor.get(), bytes) ? Deflate(compressor.get(), bytes) : std::string();
  if (packed.empty()) original.data.assign(bytes);
  else original.data = std::move(packed);
  return original;
}

Result<std::string> UnpackOriginal(int64_t size, std::string_view data) {
  if (size < 0) return Status::Damaged(fmt::format("a stored size of {} bytes", size));
  if (static_cast<uint64_t>(size) == data.size()) return std::string(data);
  std::string bytes(static_cast<size_t>(size), '\0');
  const std::unique_ptr<libdeflate_decompressor, FreeLibdeflate> decompressor(libdeflate_alloc_decompressor());
  if (decompressor == nullptr) throw std::bad_alloc();
  size_t unpacked = 0;
  const libdeflate_result result =
      libdeflate_zlib_decompress(decompressor.get(), data.data(), data.size(), bytes.data(), bytes.size(), &unpacked);
  if (result != LIBDEFLATE_SUCCESS || unpacked != bytes.size())
    return Status::Damaged(fmt::format("the stored data does not inflate to its {} bytes ({})", size,
                                       result == LIBDEFLATE_SUCCESS || result == LIBDEFLATE_SHORT_OUTPUT
                                           ? "short"
                                           : result == LIBDEFLATE_INSUFFICIENT_SPACE ? "longer" : "not zlib data"));
  return bytes;
}

}  // namespace budgetdb
