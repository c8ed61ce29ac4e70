// CSV as RFC 4180 writes it: fields separated by commas, records ended by CRLF,
// a field quoted when it holds a comma, a quote, CR or LF, quotes doubled.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace budgetdb {

inline std::string CsvField(std::string_view field) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(field);
  std::string quoted = "\"";
  for (char c : field) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

inline std::string CsvRecord(const std::vector<std::string>& fields) {
  std::string record;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) record += ',';
    record += CsvField(fields[i]);
  }
  record += "\r\n";
  return record;
}

}  // namespace budgetdb
