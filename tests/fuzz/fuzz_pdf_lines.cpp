// libFuzzer target: any bytes as the words of a PDF page (boxes and texts), through the
// line builder: rows, tables, lists, columns. It must never crash or loop, whatever the
// boxes (overlapping, zero-sized, far off the page).
#include <fuzzer/FuzzedDataProvider.h>

#include <cstddef>
#include <cstdint>
#include <vector>

#include "read/reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FuzzedDataProvider input(data, size);
  std::vector<budgetdb::PositionedWord> words;
  static const char* kTexts[] = {"Indikator", "KF:s", "årsmål", "2024", "36 %", "•", "Socialnämnden", "ska",
                                 "Obligatorisk", "nämndindikator", "Tas", "fram", "av", "-", "2026-01-01", ""};
  while (input.remaining_bytes() > 0 && words.size() < 400) {
    const double x0 = input.ConsumeIntegralInRange<int>(0, 800) / 2.0;
    const double y0 = input.ConsumeIntegralInRange<int>(0, 1200) / 2.0;
    const double width = input.ConsumeIntegralInRange<int>(0, 300) / 2.0;
    const double height = input.ConsumeIntegralInRange<int>(0, 40) / 2.0;
    const bool known = input.ConsumeBool();
    const std::string text =
        known ? kTexts[input.ConsumeIntegralInRange<size_t>(0, std::size(kTexts) - 1)] : input.ConsumeRandomLengthString(12);
    words.push_back(budgetdb::PositionedWord{text, x0, y0, x0 + width, y0 + height, input.ConsumeBool()});
  }
  const budgetdb::PdfLineSettings settings;
  budgetdb::PdfDocumentLayout layout;
  const budgetdb::PdfPageSurvey survey = budgetdb::SurveyPdfPage(words, settings);
  if (!survey.line_starts.empty()) layout.text_left = survey.line_starts.front().first;
  (void)budgetdb::BuildPdfLines(words, settings, layout);
  return 0;
}
