#include "serve/page_image.h"

#include <fmt/format.h>
#include <poppler-document.h>
#include <poppler-image.h>
#include <poppler-page-renderer.h>
#include <poppler-page.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

namespace budgetdb {

namespace {

constexpr double kMarkMargin = 2;  // points around the text
constexpr int kOutline = 2;        // pixels

// Blends `box` (in pixels) pale yellow into an ARGB32 image and outlines it in red.
void Mark(poppler::image& image, int x0, int y0, int x1, int y1) {
  x0 = std::clamp(x0, 0, image.width() - 1);
  x1 = std::clamp(x1, 0, image.width() - 1);
  y0 = std::clamp(y0, 0, image.height() - 1);
  y1 = std::clamp(y1, 0, image.height() - 1);
  char* data = image.data();
  for (int y = y0; y <= y1; ++y) {
    auto* row = reinterpret_cast<unsigned char*>(data + static_cast<ptrdiff_t>(y) * image.bytes_per_row());
    for (int x = x0; x <= x1; ++x) {
      unsigned char* pixel = row + 4 * x;  // B, G, R, A in memory
      const bool edge = y - y0 < kOutline || y1 - y < kOutline || x - x0 < kOutline || x1 - x < kOutline;
      if (edge) {
        pixel[0] = 0x20, pixel[1] = 0x20, pixel[2] = 0xd0;
      } else {  // multiply by pale yellow: the text stays black
        pixel[0] = static_cast<unsigned char>(pixel[0] * 0x66 / 0xff);
      }
      pixel[3] = 0xff;
    }
  }
}

}  // namespace

Result<std::string> RenderPagePng(std::string_view pdf, int page, const std::vector<PageBox>& marks,
                                  double dots_per_inch) {
  std::unique_ptr<poppler::document> document(
      poppler::document::load_from_raw_data(pdf.data(), static_cast<int>(pdf.size())));
  if (!document || document->is_locked()) return Status::Unreadable("Poppler cannot open the stored PDF");
  if (page < 1 || page > document->pages())
    return Status::Invalid(fmt::format("the PDF has no page {} (it has {})", page, document->pages()));
  std::unique_ptr<poppler::page> pdf_page(document->create_page(page - 1));
  if (!pdf_page) return Status::Unreadable(fmt::format("Poppler cannot read page {}", page));
  poppler::page_renderer renderer;
  renderer.set_render_hint(poppler::page_renderer::antialiasing);
  renderer.set_render_hint(poppler::page_renderer::text_antialiasing);
  renderer.set_image_format(poppler::image::format_argb32);
  poppler::image image = renderer.render_page(pdf_page.get(), dots_per_inch, dots_per_inch);
  if (!image.is_valid()) return Status::Unreadable(fmt::format("Poppler cannot render page {}", page));
  const double scale = dots_per_inch / 72;
  for (const PageBox& box : marks)
    Mark(image, static_cast<int>((box.x0 - kMarkMargin) * scale), static_cast<int>((box.y0 - kMarkMargin) * scale),
         static_cast<int>((box.x1 + kMarkMargin) * scale), static_cast<int>((box.y1 + kMarkMargin) * scale));
  // poppler-cpp writes images to files only: a private temporary one.
  std::string name = (std::filesystem::temp_directory_path() / "budgetdb-page-XXXXXX").string();
  const int fd = mkstemp(name.data());
  if (fd < 0) return Status::Unreadable("cannot create a temporary file for the page image");
  close(fd);
  const bool saved = image.save(name, "png", static_cast<int>(dots_per_inch));
  std::ostringstream bytes;
  if (saved) bytes << std::ifstream(name, std::ios::binary).rdbuf();
  std::filesystem::remove(name);
  if (!saved || bytes.str().empty()) return Status::Unreadable("Poppler cannot write the page as PNG");
  return bytes.str();
}

}  // namespace budgetdb
